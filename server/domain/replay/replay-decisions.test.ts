import { describe, expect, it } from "vitest";
import { buildPolicySnapshot, type PolicyRows } from "../policy/build-policy-snapshot";
import { replayDecisions, type RecordedDecision } from "./replay-decisions";

const grant = (id: string, overrides: Partial<PolicyRows["grants"][number]> = {}) => ({
  id,
  agentId: "agt_a",
  operationPattern: "github:*",
  resourcePatterns: ["repo:acme/*"],
  paramsSchema: null,
  approvalMode: "NEVER" as const,
  approvalWhen: null,
  approvers: 1,
  approvalTtlSeconds: 600,
  expiresAt: null,
  ...overrides,
});

function snapshot(grants: PolicyRows["grants"], quotas: PolicyRows["quotas"] = [], paused = false) {
  return buildPolicySnapshot({
    org: { id: "org_1", frozen: false, policyVersion: 1 },
    environments: [{ id: "env_dev", name: "dev", frozen: false }],
    agents: [
      {
        id: "agt_a",
        name: "a",
        environmentId: "env_dev",
        autonomy: 3,
        status: paused ? "PAUSED" : "ACTIVE",
        parentId: null,
        maxPendingApprovals: 20,
      },
    ],
    grants,
    quotas,
    operations: [
      { tool: "github", operation: "pulls.merge", effect: "WRITE" },
      { tool: "github", operation: "repos.delete", effect: "DELETE" },
    ],
    credentials: [],
  });
}

let n = 0;
const recorded = (overrides: Partial<RecordedDecision> = {}): RecordedDecision => ({
  id: `dec_${++n}`,
  createdAt: new Date(Date.UTC(2026, 10, 22, 0, 0, n)),
  agentId: "agt_a",
  runId: "run_1",
  tool: "github",
  operation: "pulls.merge",
  resource: "repo:acme/web",
  params: { number: 1 },
  spendCents: 0,
  tokens: 0,
  onBehalfOf: null,
  approvalId: null,
  actionHash: "a".repeat(64),
  decision: "allow",
  reasonCode: "ALLOWED_BY_GRANT",
  ...overrides,
});

describe("replayDecisions", () => {
  it("replays a presented approval in its recorded state", () => {
    const current = snapshot([
      grant("g1", { operationPattern: "github:repos.delete", approvalMode: "ALWAYS" }),
    ]);
    const used = recorded({ operation: "repos.delete", approvalId: "apr_1", reasonCode: "APPROVED" });
    const denied = recorded({
      operation: "repos.delete",
      approvalId: "apr_2",
      decision: "deny",
      reasonCode: "APPROVAL_DENIED",
    });
    const asked = recorded({
      operation: "repos.delete",
      approvalId: "apr_3",
      decision: "require_approval",
      reasonCode: "APPROVAL_REQUIRED",
    });
    const same = replayDecisions({ before: current, after: current }, [used, denied, asked]);
    expect(same.totals).toMatchObject({
      replayed: 3,
      changed: 0,
      before: { allow: 1, deny: 1, require_approval: 1 },
    });

    const removed = replayDecisions({ before: current, after: snapshot([]) }, [used, denied, asked]);
    expect(removed.rows.map((r) => [r.decisionId, r.before.code, r.after.code])).toEqual([
      [used.id, "APPROVED", "NO_MATCHING_GRANT"],
      [asked.id, "APPROVAL_REQUIRED", "NO_MATCHING_GRANT"],
    ]);
    // The denied approval is refused before grants are looked at, with or without the grant.
    expect(removed.totals.transitions).toEqual({ "allow → deny": 1, "require_approval → deny": 1 });
  });

  it("counts quotas in order and needs headroom for an approval; per-run windows reset per run", () => {
    const grants = [grant("g1")];
    const quota = [
      { id: "q1", agentId: "agt_a", metric: "writes" as const, window: "run" as const, limit: 1 },
    ];
    const rows = [recorded(), recorded(), recorded({ runId: "run_2" })];
    const result = replayDecisions({ before: snapshot(grants), after: snapshot(grants, quota) }, rows);
    expect(result.rows.map((r) => [r.decisionId, r.after.code])).toEqual([[rows[1]!.id, "QUOTA_EXCEEDED"]]);

    const approvalGrant = [grant("g1", { approvalMode: "ALWAYS" })];
    const spent = replayDecisions(
      { before: snapshot(approvalGrant), after: snapshot(approvalGrant, [{ ...quota[0]!, limit: 0 }]) },
      [recorded({ decision: "require_approval", reasonCode: "APPROVAL_REQUIRED" })],
    );
    expect(spent.rows[0]?.after.code).toBe("QUOTA_EXCEEDED");
  });
});
