// Table-driven tests of evaluate(): a sub-agent acts at the lowest autonomy level of its lineage
// (its own and every parent's), so it never does without approval what its parent must ask for.
import { describe, it } from "vitest";
import { planRow } from "./__fixtures__/plan-fixture";
import { agent, grant } from "./__fixtures__/policy-fixture";
import { approval, checkCase, main, wideGrant, type Case } from "./__fixtures__/evaluate-cases";
import { REASON_CODES } from "./reason-codes";

/** The parent's copy of the child's grant (a sub-agent holds a subset of its parent's grants). */
const parentGrant = grant({ id: "grt_p", agentId: "agt_parent", resourcePatterns: ["**"] });
const gpGrant = grant({ id: "grt_gp", agentId: "agt_gp", resourcePatterns: ["**"] });

/** agt_main (level `child`) under agt_parent "release-bot" (level `parent`), both granted github:*. */
const family = (parent: number, child: number) => ({
  agents: [
    agent({ id: "agt_parent", name: "release-bot", autonomy: parent }),
    main({ autonomy: child, parentId: "agt_parent" }),
  ],
  grants: [wideGrant, parentGrant],
});

/** agt_main under agt_parent under agt_gp "platform-bot". */
const threeGenerations = (gp: number, parent: number, child: number) => ({
  agents: [
    agent({ id: "agt_gp", name: "platform-bot", autonomy: gp }),
    agent({ id: "agt_parent", name: "release-bot", autonomy: parent, parentId: "agt_gp" }),
    main({ autonomy: child, parentId: "agt_parent" }),
  ],
  grants: [wideGrant, parentGrant, gpGrant],
});

const observeOnly = { decision: "deny", code: "AUTONOMY_OBSERVE_ONLY" } as const;

const cases: Case[] = [
  // ── a parent's level caps its sub-agent's ──
  {
    name: "parent at 1, child at 3: the child's write needs approval, as the parent's would",
    policy: family(1, 3),
    expect: {
      decision: "require_approval",
      code: "APPROVAL_REQUIRED",
      grantId: "grt_wide",
      ruleReason: "Autonomy level 1 (assist) of its parent agent release-bot",
    },
  },
  {
    name: "parent at 1, child at 3: the child's spend needs approval",
    policy: {
      ...family(1, 3),
      grants: [
        grant({ id: "g_c", operationPattern: "stripe:*", resourcePatterns: ["**"] }),
        grant({ id: "g_p", agentId: "agt_parent", operationPattern: "stripe:*", resourcePatterns: ["**"] }),
      ],
    },
    request: { tool: "stripe", operation: "refunds.create" },
    expect: { decision: "require_approval", code: "APPROVAL_REQUIRED", grantId: "g_c" },
  },
  {
    name: "parent at 1, child at 3: the child's read is allowed",
    policy: family(1, 3),
    request: { operation: "pulls.get" },
    expect: { decision: "allow", code: "ALLOWED_BY_GRANT", grantId: "grt_wide" },
  },
  {
    name: "parent at 1, child at 3: people's approval of exactly the action allows it",
    policy: family(1, 3),
    request: { approvalId: "apr_1" },
    input: { presentedApproval: approval() },
    expect: { decision: "allow", code: "APPROVED", grantId: "grt_wide" },
  },
  {
    name: "parent at 1, child at 3: an approved plan stands in for the approval",
    policy: { ...family(1, 3), plans: [planRow()] },
    expect: { decision: "allow", code: "PLAN_APPROVED", grantId: "grt_wide" },
  },
  {
    name: "parent at 2, child at 3: the child's delete needs approval",
    policy: family(2, 3),
    request: { operation: "repos.delete" },
    expect: {
      decision: "require_approval",
      code: "APPROVAL_REQUIRED",
      ruleReason: "Autonomy level 2 (guarded) of its parent agent release-bot",
    },
  },
  {
    name: "parent at 2, child at 3: the child's write is allowed",
    policy: family(2, 3),
    expect: { decision: "allow", code: "ALLOWED_BY_GRANT" },
  },
  {
    name: "parent at 3, child at 3: allowed within grants",
    policy: family(3, 3),
    request: { operation: "repos.delete" },
    expect: { decision: "allow", code: "ALLOWED_BY_GRANT" },
  },
  {
    name: "parent at 1, child at 3: the parent's `always` rule still adds its approvers",
    policy: {
      ...family(1, 3),
      grants: [wideGrant, grant({ ...parentGrant, approvalMode: "ALWAYS", approvers: 2 })],
    },
    expect: {
      decision: "require_approval",
      code: "APPROVAL_REQUIRED",
      approvers: 2,
      ruleReason: "The parent agent release-bot's grant requires approval for every use.",
    },
  },
  // ── a grandparent's level caps the grandchild's ──
  {
    name: "grandparent at 1, parent at 3, child at 3: the child's write needs approval",
    policy: threeGenerations(1, 3, 3),
    expect: {
      decision: "require_approval",
      code: "APPROVAL_REQUIRED",
      ruleReason: "Autonomy level 1 (assist) of its ancestor agent platform-bot",
    },
  },
  {
    name: "grandparent at 3, parent at 1, child at 3: the parent's level applies",
    policy: threeGenerations(3, 1, 3),
    expect: {
      decision: "require_approval",
      code: "APPROVAL_REQUIRED",
      ruleReason: "of its parent agent release-bot",
    },
  },
  {
    name: "grandparent at 0, parent at 3, child at 3: the child only observes",
    policy: threeGenerations(0, 3, 3),
    request: { operation: "pulls.get" },
    expect: { ...observeOnly, message: "its ancestor agent platform-bot only observes" },
  },
  // ── a child lower than its parent keeps its own level ──
  {
    name: "child at 1 under a parent at 3: the child's own level asks for the write",
    policy: family(3, 1),
    expect: {
      decision: "require_approval",
      code: "APPROVAL_REQUIRED",
      ruleReason: "Autonomy level 1 (assist): every action that is not a read needs approval.",
    },
  },
  {
    name: "child at 2 under a parent at 3: the child's write is allowed",
    policy: family(3, 2),
    expect: { decision: "allow", code: "ALLOWED_BY_GRANT" },
  },
  {
    name: "child at 2 under a parent at 3: the child's delete needs approval",
    policy: family(3, 2),
    request: { operation: "repos.delete" },
    expect: {
      decision: "require_approval",
      code: "APPROVAL_REQUIRED",
      ruleReason: "Autonomy level 2 (guarded): delete and admin actions need approval.",
    },
  },
  {
    name: "child at 0 under a parent at 3: the child only observes, in the usual words",
    policy: family(3, 0),
    expect: { ...observeOnly, message: REASON_CODES.AUTONOMY_OBSERVE_ONLY.message },
  },
  {
    name: "child and parent both at 0: the child's own level is named",
    policy: family(0, 0),
    expect: { ...observeOnly, message: REASON_CODES.AUTONOMY_OBSERVE_ONLY.message },
  },
  {
    name: "a parent with an out-of-range level: the child only observes (fail closed)",
    policy: family(7, 3),
    expect: { ...observeOnly, message: "its parent agent release-bot only observes" },
  },
];

/** A parent at 0 makes its sub-agent (at 3, with grants) observe only, whatever it asks. */
const observingParent: Case[] = (
  [
    ["a read", { operation: "pulls.get" }],
    ["a write", { operation: "pulls.merge" }],
    ["a delete", { operation: "repos.delete" }],
    ["an admin action", { operation: "org.admin" }],
    ["an operation outside the catalog", { operation: "pulls.close" }],
  ] as const
).map(([what, request]) => ({
  name: `parent at 0, child at 3: ${what}`,
  policy: family(0, 3),
  request,
  expect: { ...observeOnly, message: "its parent agent release-bot only observes" },
}));

observingParent.push(
  {
    name: "parent at 0, child at 3: a spend",
    policy: {
      ...family(0, 3),
      grants: [
        grant({ id: "g_c", operationPattern: "stripe:*", resourcePatterns: ["**"] }),
        grant({ id: "g_p", agentId: "agt_parent", operationPattern: "stripe:*", resourcePatterns: ["**"] }),
      ],
    },
    request: { tool: "stripe", operation: "refunds.create" },
    expect: { ...observeOnly, message: "release-bot" },
  },
  {
    name: "parent at 0, child at 3: an approved approval does not lift it",
    policy: family(0, 3),
    request: { approvalId: "apr_1" },
    input: { presentedApproval: approval() },
    expect: observeOnly,
  },
  {
    name: "parent at 0, child at 3: nor does an approved plan",
    policy: { ...family(0, 3), plans: [planRow()] },
    expect: observeOnly,
  },
);

describe("evaluate: a sub-agent acts at the lowest autonomy level of its lineage", () => {
  it.each(cases)("$name → $expect.code", checkCase);
  it.each(observingParent)("$name → $expect.code", checkCase);
});
