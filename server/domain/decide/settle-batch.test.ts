import { describe, expect, it } from "vitest";
import { chainHash, GENESIS_HASH } from "../audit/hash-chain";
import { canonicalAction } from "./action-hash";
import { decisionHashContent } from "./decision-record";
import { evaluate } from "./evaluate";
import { agent, grant, NOW, request, snapshot } from "./__fixtures__/policy-fixture";
import { idempotencyIndex, settleBatch, type LockedState, type PendingDecision } from "./settle-batch";
import { usageKey } from "./quota-charges";
import type { PresentedApproval } from "./check-presented-approval";

const CHAIN = "dec:org_test:i1";
let counter = 0;

function pending(
  policy: Parameters<typeof snapshot>[0],
  overrides: Partial<PendingDecision> & { approval?: PresentedApproval | null } = {},
): PendingDecision {
  const req = request({ runId: "run_1", approvalId: overrides.approval ? overrides.approval.id : null });
  const action = canonicalAction({ agentId: "agt_main", ...req, params: req.params });
  const evaluation = evaluate(snapshot(policy), {
    agentId: "agt_main",
    request: req,
    actionHash: "h",
    now: NOW,
    presentedApproval: overrides.approval,
  });
  counter++;
  return {
    decisionId: `dec_${counter}`,
    orgId: "org_test",
    agentId: "agt_main",
    credentialId: "crd_1",
    maxPendingApprovals: 2,
    policyVersion: 7,
    action,
    actionHash: "h",
    requestHash: "r",
    idempotencyKey: null,
    onBehalfOf: null,
    cost: { spendCents: 0, tokens: 0 },
    evaluation,
    presentedApproval: overrides.approval ?? null,
    receivedAt: 0,
    ...overrides,
  };
}

function state(overrides: Partial<LockedState> = {}): LockedState {
  return {
    now: NOW,
    usage: new Map(),
    heads: new Map([[CHAIN, { seq: 0n, hash: GENESIS_HASH }]]),
    approvals: new Map(),
    pendingApprovals: new Map(),
    existing: new Map(),
    ...overrides,
  };
}

const options = { chainKeyFor: () => CHAIN, newApprovalId: () => `apr_new${++counter}`, settledAt: 1 };
const codes = (result: ReturnType<typeof settleBatch>) =>
  result.settlements.map((s) => (s.kind === "decided" ? s.response.reason.code : s.kind));

const withQuota = (limit: number) => ({
  grants: [grant({ id: "grt_1" })],
  quotas: [{ id: "q1", agentId: "agt_main", metric: "calls" as const, window: "run" as const, limit }],
});

describe("settleBatch", () => {
  it("gives exactly the remaining units to the first requests", () => {
    const used = new Map([[usageKey("agt_main", { metric: "calls", window: "run", windowKey: "run_1" }), 3]]);
    const batch = Array.from({ length: 10 }, () => pending(withQuota(10)));
    const result = settleBatch(batch, state({ usage: used }), options);
    expect(codes(result)).toEqual([
      ...Array<string>(7).fill("ALLOWED_BY_GRANT"),
      ...Array<string>(3).fill("QUOTA_EXCEEDED"),
    ]);
    expect(result.writes.usage).toEqual([
      { agentId: "agt_main", metric: "calls", window: "run", windowKey: "run_1", used: 10 },
    ]);
    const last = result.settlements[9]!;
    expect(last.kind === "decided" && last.response.quotas).toEqual([
      { metric: "calls", window: "run", used: 10, limit: 10 },
    ]);
  });

  it("chains the decisions in order from the locked head", () => {
    const result = settleBatch([pending(withQuota(5)), pending(withQuota(5))], state(), options);
    const [a, b] = result.writes.decisions;
    expect(a!.seq).toBe(1n);
    expect(a!.prevHash).toBe(GENESIS_HASH);
    expect(a!.hash).toBe(chainHash(GENESIS_HASH, decisionHashContent(a!)));
    expect(b!.prevHash).toBe(a!.hash);
    expect(result.writes.heads).toEqual([{ chainKey: CHAIN, seq: 2n, hash: b!.hash }]);
  });

  it("uses an approval only once, even twice in one batch", () => {
    const approval: PresentedApproval = {
      id: "apr_1",
      agentId: "agt_main",
      actionHash: "h",
      status: "APPROVED",
      expiresAt: new Date(NOW.getTime() + 1000),
      consumedAt: null,
    };
    const policy = { ...withQuota(10), agents: [agent({ id: "agt_main", autonomy: 1 })] };
    const batch = [pending(policy, { approval }), pending(policy, { approval })];
    const result = settleBatch(batch, state({ approvals: new Map([["apr_1", approval]]) }), options);
    expect(codes(result)).toEqual(["APPROVED", "APPROVAL_CONSUMED"]);
    expect(result.writes.consumedApprovals).toEqual([
      { id: "apr_1", decisionId: batch[0]!.decisionId, consumedAt: NOW },
    ]);
  });

  it("refuses an approval that was consumed since it was read", () => {
    const approval: PresentedApproval = {
      id: "apr_1",
      agentId: "agt_main",
      actionHash: "h",
      status: "APPROVED",
      expiresAt: new Date(NOW.getTime() + 1000),
      consumedAt: null,
    };
    const locked = { ...approval, status: "CONSUMED" as const, consumedAt: NOW };
    const result = settleBatch(
      [pending(withQuota(10), { approval })],
      state({ approvals: new Map([["apr_1", locked]]) }),
      options,
    );
    expect(codes(result)).toEqual(["APPROVAL_CONSUMED"]);
    expect(result.writes.usage).toEqual([]);
  });

  it("opens approvals up to the agent's cap, without consuming quota", () => {
    const policy = { ...withQuota(10), agents: [agent({ id: "agt_main", autonomy: 1 })] };
    const batch = [pending(policy), pending(policy), pending(policy)];
    const result = settleBatch(batch, state({ pendingApprovals: new Map([["agt_main", 1]]) }), options);
    expect(codes(result)).toEqual(["APPROVAL_REQUIRED", "APPROVAL_QUEUE_FULL", "APPROVAL_QUEUE_FULL"]);
    expect(result.writes.newApprovals).toHaveLength(1);
    expect(result.writes.newApprovals[0]!.expiresAt).toEqual(new Date(NOW.getTime() + 600_000));
    expect(result.writes.usage).toEqual([]);
  });

  it("does not ask for approval when the quota would refuse the action anyway", () => {
    const policy = { ...withQuota(0), agents: [agent({ id: "agt_main", autonomy: 1 })] };
    expect(codes(settleBatch([pending(policy)], state(), options))).toEqual(["QUOTA_EXCEEDED"]);
  });

  it("replays a stored answer for the same key and body, and refuses another body", () => {
    const stored = { decision: "allow", decisionId: "dec_old" };
    const existing = new Map([[idempotencyIndex("agt_main", "k1"), { requestHash: "r", response: stored }]]);
    const batch = [
      pending(withQuota(10), { idempotencyKey: "k1" }),
      pending(withQuota(10), { idempotencyKey: "k1", requestHash: "other" }),
      pending(withQuota(10), { idempotencyKey: "k2" }),
      pending(withQuota(10), { idempotencyKey: "k2" }),
    ];
    const result = settleBatch(batch, state({ existing }), options);
    expect(codes(result)).toEqual(["replay", "conflict", "ALLOWED_BY_GRANT", "replay"]);
    expect(result.settlements[0]).toEqual({ kind: "replay", response: stored });
    expect(result.writes.decisions).toHaveLength(1);
    expect(result.writes.usage[0]!.used).toBe(1);
  });

  it("stores the answer only for a request with an idempotency key, and hashes what it stores", () => {
    const result = settleBatch(
      [pending(withQuota(10)), pending(withQuota(10), { idempotencyKey: "k3" })],
      state(),
      options,
    );
    const [plain, keyed] = result.writes.decisions;
    const [plainAnswer, keyedAnswer] = result.settlements;
    expect(plain!.response).toBeNull();
    expect(plainAnswer!.kind === "decided" && plainAnswer!.response.decisionId).toBe(plain!.id);
    expect(keyed!.response).toEqual(keyedAnswer!.kind === "decided" ? keyedAnswer!.response : undefined);
    expect(plain!.hash).toBe(chainHash(GENESIS_HASH, decisionHashContent(plain!)));
    expect(keyed!.hash).toBe(chainHash(plain!.hash, decisionHashContent(keyed!)));
  });
});
