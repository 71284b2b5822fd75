// The group commit's settlement of decisions on an approved plan: its budget is consumed exactly,
// in arrival order, and the answer names the plan.
import { describe, expect, it } from "vitest";
import { GENESIS_HASH } from "../audit/hash-chain";
import { canonicalAction } from "./action-hash";
import { evaluate } from "./evaluate";
import { grant, NOW, request, snapshot, agent } from "./__fixtures__/policy-fixture";
import { planRow } from "./__fixtures__/plan-fixture";
import { usageKey } from "./quota-charges";
import { settleBatch, type LockedState, type PendingDecision } from "./settle-batch";

const CHAIN = "dec:org_test:i1";
let counter = 0;

const policy = {
  agents: [agent({ id: "agt_main", autonomy: 1 })],
  grants: [grant({ id: "grt_1" })],
  quotas: [{ id: "q1", agentId: "agt_main", metric: "calls" as const, window: "day" as const, limit: 100 }],
  plans: [planRow({ budget: { calls: 10, spendCents: 1000 } })],
};

function pending(cost = { spendCents: 0, tokens: 0 }, req = request({ cost })): PendingDecision {
  counter++;
  return {
    decisionId: `dec_${counter}`,
    orgId: "org_test",
    agentId: "agt_main",
    credentialId: "crd_1",
    maxPendingApprovals: 20,
    policyVersion: 7,
    action: canonicalAction({ agentId: "agt_main", ...req }),
    actionHash: "h",
    requestHash: "r",
    idempotencyKey: null,
    onBehalfOf: null,
    cost,
    evaluation: evaluate(snapshot(policy), { agentId: "agt_main", request: req, actionHash: "h", now: NOW }),
    presentedApproval: null,
    receivedAt: 0,
  };
}

function state(usage = new Map<string, number>()): LockedState {
  return {
    now: NOW,
    usage,
    heads: new Map([[CHAIN, { seq: 0n, hash: GENESIS_HASH }]]),
    approvals: new Map(),
    pendingApprovals: new Map(),
    existing: new Map(),
  };
}

const options = { chainKeyFor: () => CHAIN, newApprovalId: () => `apr_new${++counter}`, settledAt: 1 };
const planCalls = usageKey("agt_main", { metric: "calls", window: "run", windowKey: "plan:pln_1" });

describe("settleBatch with an approved plan", () => {
  it("allows exactly the budget's calls, then refuses with QUOTA_EXCEEDED naming the plan", () => {
    const batch = Array.from({ length: 12 }, () => pending());
    const result = settleBatch(batch, state(new Map([[planCalls, 7]])), options);
    const responses = result.settlements.map((s) => (s.kind === "decided" ? s.response : null));
    expect(responses.map((r) => r?.reason.code)).toEqual([
      ...Array<string>(3).fill("PLAN_APPROVED"),
      ...Array<string>(9).fill("QUOTA_EXCEEDED"),
    ]);
    expect(responses[2]).toMatchObject({
      decision: "allow",
      // The agent's own quotas are reported as always; the plan's budget under `plan`.
      quotas: [{ metric: "calls", window: "day", used: 3, limit: 100 }],
      plan: { id: "pln_1", budget: [{ metric: "calls", used: 10, limit: 10 }] },
    });
    expect(responses[3]).toMatchObject({
      decision: "deny",
      plan: { id: "pln_1", budget: [{ metric: "calls", used: 10, limit: 10 }] },
    });
    expect(result.writes.decisions.every((d) => d.planId === "pln_1")).toBe(true);
    expect(result.writes.usage).toContainEqual({
      agentId: "agt_main",
      metric: "calls",
      window: "run",
      windowKey: "plan:pln_1",
      used: 10,
    });
    expect(result.writes.newApprovals).toEqual([]);
  });

  it("refuses a step whose spend would go over the budget, and takes nothing from it", () => {
    const result = settleBatch(
      [pending({ spendCents: 600, tokens: 0 }), pending({ spendCents: 600, tokens: 0 })],
      state(),
      options,
    );
    const codes = result.settlements.map((s) => (s.kind === "decided" ? s.response.reason.code : s.kind));
    expect(codes).toEqual(["PLAN_APPROVED", "QUOTA_EXCEEDED"]);
    expect(result.writes.usage.find((u) => u.metric === "spendCents")?.used).toBe(600);
    expect(result.writes.usage.find((u) => u.windowKey === "plan:pln_1" && u.metric === "calls")?.used).toBe(
      1,
    );
  });

  it("writes no plan on decisions that do not use one", () => {
    const other = request({ resource: "repo:acme/api" });
    const result = settleBatch([pending(undefined, other)], state(), options);
    const only = result.settlements[0]!;
    expect(only.kind === "decided" && only.response.reason.code).toBe("APPROVAL_REQUIRED");
    expect(only.kind === "decided" && "plan" in only.response).toBe(false);
    expect(result.writes.decisions[0]!.planId).toBeNull();
  });
});
