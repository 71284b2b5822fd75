// Table-driven tests of evaluate(): sub-agents never exceed their ancestors' grants, and a
// presented approval is honoured once, for exactly its action.
import { describe, it } from "vitest";
import { agent, grant, NOW } from "./__fixtures__/policy-fixture";
import { approval, checkCase, main, past, wideGrant, type Case } from "./__fixtures__/evaluate-cases";

const cases: Case[] = [
  // ── sub-agents ──
  {
    name: "a sub-agent's grant wider than its parent's",
    policy: {
      agents: [main({ id: "agt_parent" }), agent({ id: "agt_main", parentId: "agt_parent" })],
      grants: [wideGrant, grant({ id: "grt_p", agentId: "agt_parent", resourcePatterns: ["repo:acme/api"] })],
    },
    expect: { decision: "deny", code: "NO_MATCHING_GRANT" },
  },
  {
    name: "a sub-agent within its parent's grants",
    policy: {
      agents: [main({ id: "agt_parent" }), agent({ id: "agt_main", parentId: "agt_parent" })],
      grants: [wideGrant, grant({ id: "grt_p", agentId: "agt_parent" })],
    },
    expect: { decision: "allow", code: "ALLOWED_BY_GRANT", grantId: "grt_wide" },
  },
  {
    name: "a sub-agent's params outside its parent's schema",
    policy: {
      agents: [main({ id: "agt_parent" }), agent({ id: "agt_main", parentId: "agt_parent" })],
      grants: [
        wideGrant,
        grant({
          id: "grt_p",
          agentId: "agt_parent",
          paramsSchema: { properties: { number: { maximum: 1 } } },
        }),
      ],
    },
    expect: { decision: "deny", code: "PARAMS_OUT_OF_SCOPE" },
  },
  {
    name: "a sub-agent whose parent's grant expired",
    policy: {
      agents: [main({ id: "agt_parent" }), agent({ id: "agt_main", parentId: "agt_parent" })],
      grants: [wideGrant, grant({ id: "grt_p", agentId: "agt_parent", expiresAt: past })],
    },
    expect: { decision: "deny", code: "GRANT_EXPIRED" },
  },
  {
    name: "the parent's approval rule applies to the sub-agent",
    policy: {
      agents: [main({ id: "agt_parent" }), agent({ id: "agt_main", parentId: "agt_parent" })],
      grants: [
        wideGrant,
        grant({ id: "grt_p", agentId: "agt_parent", approvalMode: "ALWAYS", approvers: 2 }),
      ],
    },
    expect: { decision: "require_approval", code: "APPROVAL_REQUIRED", grantId: "grt_wide", approvers: 2 },
  },
  {
    name: "a grandparent's grants bound the grandchild",
    policy: {
      agents: [
        main({ id: "agt_gp" }),
        agent({ id: "agt_parent", parentId: "agt_gp" }),
        agent({ id: "agt_main", parentId: "agt_parent" }),
      ],
      grants: [wideGrant, grant({ id: "grt_p", agentId: "agt_parent" })],
    },
    expect: { decision: "deny", code: "NO_MATCHING_GRANT" },
  },
  {
    name: "a paused parent stops its sub-agents",
    policy: {
      agents: [
        main({ id: "agt_parent", status: "PAUSED" }),
        agent({ id: "agt_main", parentId: "agt_parent" }),
      ],
      grants: [wideGrant],
    },
    expect: { decision: "deny", code: "AGENT_PAUSED" },
  },
  {
    name: "a decommissioned parent stops its sub-agents",
    policy: {
      agents: [
        main({ id: "agt_parent", status: "DECOMMISSIONED" }),
        agent({ id: "agt_main", parentId: "agt_parent" }),
      ],
      grants: [wideGrant],
    },
    expect: { decision: "deny", code: "AGENT_DECOMMISSIONED" },
  },
  {
    name: "a parent cycle fails closed",
    policy: {
      agents: [agent({ id: "agt_x", parentId: "agt_main" }), agent({ id: "agt_main", parentId: "agt_x" })],
      grants: [wideGrant],
    },
    expect: { decision: "deny", code: "AGENT_DECOMMISSIONED" },
  },
  // ── presented approvals ──
  {
    name: "an approved approval allows once",
    policy: { agents: [main({ autonomy: 1 })], grants: [wideGrant] },
    request: { approvalId: "apr_1" },
    input: { presentedApproval: approval() },
    expect: { decision: "allow", code: "APPROVED", grantId: "grt_wide" },
  },
  {
    name: "an approval still pending",
    policy: { grants: [wideGrant] },
    request: { approvalId: "apr_1" },
    input: { presentedApproval: approval({ status: "PENDING" }) },
    expect: { decision: "require_approval", code: "APPROVAL_PENDING" },
  },
  {
    name: "a denied approval",
    policy: { grants: [wideGrant] },
    request: { approvalId: "apr_1" },
    input: { presentedApproval: approval({ status: "DENIED" }) },
    expect: { decision: "deny", code: "APPROVAL_DENIED" },
  },
  {
    name: "a cancelled approval",
    policy: { grants: [wideGrant] },
    request: { approvalId: "apr_1" },
    input: { presentedApproval: approval({ status: "CANCELLED" }) },
    expect: { decision: "deny", code: "APPROVAL_DENIED" },
  },
  {
    name: "an approval past its expiry",
    policy: { grants: [wideGrant] },
    request: { approvalId: "apr_1" },
    input: { presentedApproval: approval({ expiresAt: new Date(NOW.getTime() - 1) }) },
    expect: { decision: "deny", code: "APPROVAL_EXPIRED" },
  },
  {
    name: "a pending approval past its expiry",
    policy: { grants: [wideGrant] },
    request: { approvalId: "apr_1" },
    input: { presentedApproval: approval({ status: "PENDING", expiresAt: new Date(NOW.getTime() - 1) }) },
    expect: { decision: "deny", code: "APPROVAL_EXPIRED" },
  },
  {
    name: "an approval marked expired",
    policy: { grants: [wideGrant] },
    request: { approvalId: "apr_1" },
    input: { presentedApproval: approval({ status: "EXPIRED" }) },
    expect: { decision: "deny", code: "APPROVAL_EXPIRED" },
  },
  {
    name: "an approval already used",
    policy: { grants: [wideGrant] },
    request: { approvalId: "apr_1" },
    input: { presentedApproval: approval({ status: "CONSUMED", consumedAt: NOW }) },
    expect: { decision: "deny", code: "APPROVAL_CONSUMED" },
  },
  {
    name: "an approval for another action",
    policy: { grants: [wideGrant] },
    request: { approvalId: "apr_1" },
    input: { presentedApproval: approval({ actionHash: "b".repeat(64) }) },
    expect: { decision: "deny", code: "APPROVAL_ACTION_MISMATCH" },
  },
  {
    name: "an approval of another agent",
    policy: { grants: [wideGrant] },
    request: { approvalId: "apr_1" },
    input: { presentedApproval: approval({ agentId: "agt_other" }) },
    expect: { decision: "deny", code: "APPROVAL_ACTION_MISMATCH" },
  },
  {
    name: "an approval that does not exist",
    policy: { grants: [wideGrant] },
    request: { approvalId: "apr_1" },
    input: { presentedApproval: null },
    expect: { decision: "deny", code: "APPROVAL_ACTION_MISMATCH" },
  },
  {
    name: "an approval does not replace a grant",
    request: { approvalId: "apr_1" },
    input: { presentedApproval: approval() },
    expect: { decision: "deny", code: "NO_MATCHING_GRANT" },
  },
  {
    name: "an approval does not lift a pause",
    policy: { agents: [main({ status: "PAUSED" })], grants: [wideGrant] },
    request: { approvalId: "apr_1" },
    input: { presentedApproval: approval() },
    expect: { decision: "deny", code: "AGENT_PAUSED" },
  },
];

describe("evaluate: sub-agents and presented approvals", () => {
  it.each(cases)("$name → $expect.code", checkCase);
});
