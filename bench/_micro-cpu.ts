// TEMPORARY: CPU cost of the decide pipeline pieces, per request.
import { randomUUID } from "node:crypto";
import { buildPolicySnapshot } from "../server/domain/policy/build-policy-snapshot.ts";
import { validateDecideRequest } from "../server/domain/decide/decide-request.ts";
import { actionHash, canonicalAction } from "../server/domain/decide/action-hash.ts";
import { evaluate } from "../server/domain/decide/evaluate.ts";
import { sha256Hex } from "../server/domain/audit/hash-chain.ts";
import { canonicalJson } from "../server/domain/canonical-json.ts";
import { settleBatch } from "../server/domain/decide/settle-batch.ts";
import { usageKey } from "../server/domain/decide/quota-charges.ts";
import { writeParameters } from "../server/runtime/decide/write-parameters.ts";
import { secretMatchesHash, generateCredentialSecret } from "../server/domain/credentials/secret.ts";

const N = 1000;
const agents = Array.from({ length: N }, (_, i) => ({ id: `agt_${i}`, name: `a${i}`, environmentId: "env_1", autonomy: 3, status: "ACTIVE" as const, parentId: null, maxPendingApprovals: 200 }));
const snapshot = buildPolicySnapshot({
  org: { id: "org_1", frozen: false, policyVersion: 1 },
  environments: [{ id: "env_1", name: "prod", frozen: false }],
  agents,
  grants: agents.map((a, i) => ({ id: `grt_${i}`, agentId: a.id, operationPattern: "github:*", resourcePatterns: ["repo:bench/*"], paramsSchema: { type: "object", properties: { number: { type: "integer", minimum: 0, maximum: 1000000 }, amount: { type: "integer", minimum: 0, maximum: 10000 } }, required: ["number"] }, approvalMode: "NEVER" as const, approvalWhen: null, approvers: 1, approvalTtlSeconds: 600, expiresAt: null })),
  quotas: agents.flatMap((a, i) => [{ id: `q1_${i}`, agentId: a.id, metric: "calls" as const, window: "day" as const, limit: 1e9 }, { id: `q2_${i}`, agentId: a.id, metric: "writes" as const, window: "hour" as const, limit: 1e9 }, { id: `q3_${i}`, agentId: a.id, metric: "tokens" as const, window: "day" as const, limit: 1e12 }]),
  operations: [{ tool: "github", operation: "pulls.merge", effect: "WRITE" }, { tool: "github", operation: "pulls.get", effect: "READ" }],
  credentials: [],
});
const body = JSON.stringify({ tool: "github", operation: "pulls.merge", resource: "repo:bench/web-3", params: { number: 1234, amount: 12 }, cost: { tokens: 321 }, onBehalfOf: "user:u5@bench.test" });
const cred = generateCredentialSecret();
const time = (name: string, fn: (i: number) => unknown, n = 20000) => {
  for (let i = 0; i < 2000; i++) fn(i);
  const t = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  console.log(`${name.padEnd(28)} ${(((performance.now() - t) / n) * 1000).toFixed(1)} µs`);
};
const v = validateDecideRequest(body);
if (!v.ok) throw v.error;
const request = v.request;
time("validateDecideRequest", () => validateDecideRequest(body));
time("JSON.parse only", () => JSON.parse(body));
time("canonicalAction+actionHash", (i) => actionHash(canonicalAction({ agentId: `agt_${i % N}`, runId: null, ...request })));
time("requestHash", () => sha256Hex(canonicalJson(request)));
import { canonicalRequestJson } from "../server/domain/decide/canonical-forms.ts";
time("requestHash fast", () => sha256Hex(canonicalRequestJson(request, canonicalJson(request.params))));
time("actionHash fast", (i) => { const a = canonicalAction({ agentId: `agt_${i % N}`, runId: null, ...request }); return actionHash(a, canonicalJson(a.params)); });
time("evaluate", (i) => evaluate(snapshot, { agentId: `agt_${i % N}`, request, actionHash: "x", now: new Date() }));
time("secretMatchesHash", () => secretMatchesHash(cred.secret, cred.secretHash));
time("decisionId", () => `dec_${randomUUID().replaceAll("-", "")}`);
// settle a batch of 20
const mk = (i: number) => {
  const agentId = `agt_${i % N}`;
  const action = canonicalAction({ agentId, runId: null, ...request });
  const evaluation = evaluate(snapshot, { agentId, request, actionHash: "h", now: new Date() });
  return { decisionId: `dec_${i}`, orgId: "org_1", agentId, credentialId: "crd_1", maxPendingApprovals: 200, policyVersion: 1, action, paramsJson: canonicalJson(action.params), actionHash: "h".repeat(64), requestHash: "r".repeat(64), idempotencyKey: null, onBehalfOf: "user:x", cost: request.cost, evaluation, presentedApproval: null, receivedAt: performance.now() };
};
const batch = Array.from({ length: 20 }, (_, i) => mk(i));
const state = () => ({ now: new Date(), usage: new Map(batch.flatMap((p) => p.evaluation.quotaCharges.map((c) => [usageKey(p.agentId, c), 5] as [string, number]))), heads: new Map([["dec:org_1:x", { seq: 1n, hash: "0".repeat(64) }]]), approvals: new Map(), pendingApprovals: new Map(), existing: new Map() });
time("settleBatch(20) per decision", () => settleBatch(batch, state(), { chainKeyFor: () => "dec:org_1:x", newApprovalId: () => "apr_x", settledAt: 0 }), 1000);
const settled = settleBatch(batch, state(), { chainKeyFor: () => "dec:org_1:x", newApprovalId: () => "apr_x", settledAt: 0 });
time("writeParams+stringify(20)", () => JSON.stringify(writeParameters(settled.writes)), 1000);
time("response stringify", () => JSON.stringify(settled.settlements[0]));
import { decisionChainHash } from "../server/domain/decide/decision-record.ts";
const rec = settled.writes.decisions[0]!;
time("decisionChainHash", () => decisionChainHash("0".repeat(64), rec));
time("canonicalJson(response)", () => canonicalJson(rec.response));
time("new Date()", () => new Date());
time("toISOString", () => rec.createdAt.toISOString());
