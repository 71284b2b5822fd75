import { canonicalJson } from "../server/domain/canonical-json.ts";
import { buildPolicySnapshot } from "../server/domain/policy/build-policy-snapshot.ts";
import { validateDecideRequest } from "../server/domain/decide/decide-request.ts";
import { canonicalAction } from "../server/domain/decide/action-hash.ts";
import { evaluate } from "../server/domain/decide/evaluate.ts";
import { settleBatch } from "../server/domain/decide/settle-batch.ts";
import { usageKey } from "../server/domain/decide/quota-charges.ts";
import { decisionChainHash } from "../server/domain/decide/decision-record.ts";
import { canonicalResponseJson } from "../server/domain/decide/canonical-forms.ts";
const N = 1000;
const agents = Array.from({ length: N }, (_, i) => ({ id: `agt_${i}`, name: `a${i}`, environmentId: "env_1", autonomy: 3, status: "ACTIVE" as const, parentId: null, maxPendingApprovals: 200 }));
const snapshot = buildPolicySnapshot({
  org: { id: "org_1", frozen: false, policyVersion: 1 }, environments: [{ id: "env_1", name: "prod", frozen: false }], agents,
  grants: agents.map((a, i) => ({ id: `grt_${i}`, agentId: a.id, operationPattern: "github:*", resourcePatterns: ["repo:bench/*"], paramsSchema: null, approvalMode: "NEVER" as const, approvalWhen: null, approvers: 1, approvalTtlSeconds: 600, expiresAt: null })),
  quotas: agents.flatMap((a, i) => [{ id: `q1_${i}`, agentId: a.id, metric: "calls" as const, window: "day" as const, limit: 1e9 }, { id: `q2_${i}`, agentId: a.id, metric: "writes" as const, window: "hour" as const, limit: 1e9 }, { id: `q3_${i}`, agentId: a.id, metric: "tokens" as const, window: "day" as const, limit: 1e12 }]),
  operations: [{ tool: "github", operation: "pulls.merge", effect: "WRITE" }], credentials: [],
});
const v = validateDecideRequest(JSON.stringify({ tool: "github", operation: "pulls.merge", resource: "repo:bench/web-3", params: { number: 1234, amount: 12 }, cost: { tokens: 321 }, onBehalfOf: "user:u5@bench.test" }));
if (!v.ok) throw v.error;
const request = v.request;
const batch = Array.from({ length: 20 }, (_, i) => {
  const agentId = `agt_${i % N}`;
  const action = canonicalAction({ agentId, runId: null, ...request });
  const evaluation = evaluate(snapshot, { agentId, request, actionHash: "h", now: new Date() });
  return { decisionId: `dec_${i}`, orgId: "org_1", agentId, credentialId: "crd_1", maxPendingApprovals: 200, policyVersion: 1, action, paramsJson: canonicalJson(action.params), actionHash: "h".repeat(64), requestHash: "r".repeat(64), idempotencyKey: null, onBehalfOf: "user:x", cost: request.cost, evaluation, presentedApproval: null, receivedAt: performance.now() };
});
const state = () => ({ now: new Date(), usage: new Map(batch.flatMap((p) => p.evaluation.quotaCharges.map((c) => [usageKey(p.agentId, c), 5] as [string, number]))), heads: new Map([["dec:org_1:x", { seq: 1n, hash: "0".repeat(64) }]]), approvals: new Map(), pendingApprovals: new Map(), existing: new Map() });
const time = (name: string, fn: () => unknown, n: number) => { for (let i = 0; i < 200; i++) fn(); const t = performance.now(); for (let i = 0; i < n; i++) fn(); console.log(`${name.padEnd(30)} ${(((performance.now() - t) / n) * 1000).toFixed(1)} µs`); };
time("state()", state, 5000);
time("settle(20)", () => settleBatch(batch, state(), { chainKeyFor: () => "dec:org_1:x", newApprovalId: () => "apr_x", settledAt: 0 }), 5000);
const s = settleBatch(batch, state(), { chainKeyFor: () => "dec:org_1:x", newApprovalId: () => "apr_x", settledAt: 0 });
const rec = s.writes.decisions[0]!;
time("chainHash w/ parts", () => decisionChainHash("0".repeat(64), rec, { params: batch[0]!.paramsJson, response: canonicalResponseJson(rec.response as never) }), 50000);
time("canonicalResponseJson", () => canonicalResponseJson(rec.response as never), 50000);
