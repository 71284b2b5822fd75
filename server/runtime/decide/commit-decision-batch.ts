import { randomUUID } from "node:crypto";
import type pg from "pg";
import { GENESIS_HASH } from "../../domain/audit/hash-chain";
import type { PresentedApproval } from "../../domain/decide/check-presented-approval";
import type { JsonValue } from "../../domain/canonical-json";
import { usageKey } from "../../domain/decide/quota-charges";
import {
  idempotencyIndex,
  settleBatch,
  type BatchWrites,
  type LockedState,
  type PendingDecision,
  type Settlement,
} from "../../domain/decide/settle-batch";

// One group-commit batch is one transaction of two round trips, whatever its size: (BEGIN, lock
// and read everything the batch touches), settle it in memory, (write everything, COMMIT). Every
// row set travels as one JSON document (jsonb_to_recordset), never one statement per row. The
// values are inlined as dollar-quoted literals because only the simple query protocol carries
// several statements per round trip; round trips, not statements, bound a batch's latency.

const LOCK_APPROVAL_QUEUES_SQL = `
SELECT pg_advisory_xact_lock(hashtextextended('warden:approval-queue:' || agent_id, 0))
  FROM jsonb_array_elements_text($1::jsonb) AS t(agent_id)`;

const LOCK_AND_READ_SQL = `
WITH usage AS (
  INSERT INTO quota_usages (org_id, agent_id, metric, "window", window_key, used, updated_at)
  SELECT u.org_id, u.agent_id, u.metric::"QuotaMetric", u."window"::"QuotaWindow", u.window_key, 0, now()
    FROM jsonb_to_recordset($1::jsonb) AS u(org_id text, agent_id text, metric text, "window" text, window_key text)
   ORDER BY u.agent_id, u.metric, u."window", u.window_key
  ON CONFLICT (agent_id, metric, "window", window_key) DO UPDATE SET used = quota_usages.used
  RETURNING agent_id, metric::text AS metric, "window"::text AS "window", window_key, used::text AS used
), heads AS (
  INSERT INTO chain_heads (chain_key, org_id, seq, hash, updated_at)
  SELECT h.chain_key, h.org_id, 0, $2, now()
    FROM jsonb_to_recordset($3::jsonb) AS h(chain_key text, org_id text)
   ORDER BY h.chain_key
  ON CONFLICT (chain_key) DO UPDATE SET seq = chain_heads.seq
  RETURNING chain_key, seq::text AS seq, hash
), locked_approvals AS (
  SELECT id, agent_id, action_hash, status::text AS status, expires_at, consumed_at
    FROM approvals
   WHERE id IN (SELECT jsonb_array_elements_text($4::jsonb)) AND org_id IN (SELECT jsonb_array_elements_text($7::jsonb))
   ORDER BY id FOR UPDATE
), open_approvals AS (
  SELECT agent_id, count(*)::int AS n FROM approvals
   WHERE agent_id IN (SELECT jsonb_array_elements_text($5::jsonb)) AND status = 'PENDING' AND expires_at > now()
   GROUP BY agent_id
), existing AS (
  SELECT d.agent_id, d.idempotency_key, d.request_hash, d.response
    FROM jsonb_to_recordset($6::jsonb) AS k(agent_id text, idempotency_key text)
    JOIN decisions d ON d.agent_id = k.agent_id AND d.idempotency_key = k.idempotency_key
)
SELECT (SELECT coalesce(json_agg(usage), '[]') FROM usage) AS usage,
       (SELECT coalesce(json_agg(heads), '[]') FROM heads) AS heads,
       (SELECT coalesce(json_agg(locked_approvals), '[]') FROM locked_approvals) AS approvals,
       (SELECT coalesce(json_agg(open_approvals), '[]') FROM open_approvals) AS open_approvals,
       (SELECT coalesce(json_agg(existing), '[]') FROM existing) AS existing`;

const WRITE_SQL = `
WITH usage AS (
  UPDATE quota_usages AS q SET used = u.used, updated_at = now()
    FROM jsonb_to_recordset($1::jsonb) AS u(agent_id text, metric text, "window" text, window_key text, used bigint)
   WHERE q.agent_id = u.agent_id AND q.metric = u.metric::"QuotaMetric"
     AND q."window" = u."window"::"QuotaWindow" AND q.window_key = u.window_key
  RETURNING 1
), heads AS (
  UPDATE chain_heads AS h SET seq = v.seq, hash = v.hash, updated_at = now()
    FROM jsonb_to_recordset($2::jsonb) AS v(chain_key text, seq bigint, hash text)
   WHERE h.chain_key = v.chain_key
  RETURNING 1
), new_approvals AS (
  INSERT INTO approvals (id, org_id, agent_id, run_id, decision_id, grant_id, action_hash, action, effect,
                         rule_reason, on_behalf_of, status, required_approvers, expires_at, created_at)
  SELECT a.id, a.org_id, a.agent_id, a.run_id, a.decision_id, a.grant_id, a.action_hash, a.action,
         a.effect::"EffectClass", a.rule_reason, a.on_behalf_of, 'PENDING', a.required_approvers, a.expires_at, a.created_at
    FROM jsonb_to_recordset($3::jsonb) AS a(id text, org_id text, agent_id text, run_id text, decision_id text,
         grant_id text, action_hash text, action jsonb, effect text, rule_reason text, on_behalf_of text,
         required_approvers int, expires_at timestamptz, created_at timestamptz)
  RETURNING 1
), consumed AS (
  UPDATE approvals AS a SET status = 'CONSUMED', consumed_at = c.consumed_at,
         consumed_by_decision_id = c.decision_id, version = a.version + 1
    FROM jsonb_to_recordset($4::jsonb) AS c(id text, decision_id text, consumed_at timestamptz)
   WHERE a.id = c.id
  RETURNING 1
)
INSERT INTO decisions (id, org_id, agent_id, run_id, credential_id, tool, operation, resource, params, action_hash,
                       effect, outcome, reason_code, reason_message, grant_id, approval_id, plan_id, policy_version,
                       latency_micros, spend_cents, tokens, on_behalf_of, idempotency_key, request_hash, response,
                       chain_key, seq, prev_hash, hash, created_at)
SELECT d.id, d.org_id, d.agent_id, d.run_id, d.credential_id, d.tool, d.operation, d.resource, d.params, d.action_hash,
       d.effect::"EffectClass", d.outcome::"DecisionOutcome", d.reason_code, d.reason_message, d.grant_id, d.approval_id,
       d.plan_id, d.policy_version, d.latency_micros, d.spend_cents, d.tokens, d.on_behalf_of, d.idempotency_key,
       d.request_hash, d.response, d.chain_key, d.seq, d.prev_hash, d.hash, d.created_at
  FROM jsonb_to_recordset($5::jsonb) AS d(id text, org_id text, agent_id text, run_id text, credential_id text, tool text,
       operation text, resource text, params jsonb, action_hash text, effect text, outcome text, reason_code text,
       reason_message text, grant_id text, approval_id text, plan_id text, policy_version int, latency_micros int,
       spend_cents bigint, tokens bigint, on_behalf_of text, idempotency_key text, request_hash text, response jsonb,
       chain_key text, seq bigint, prev_hash text, hash text, created_at timestamptz)`;

type LockedRows = {
  usage: { agent_id: string; metric: string; window: string; window_key: string; used: string }[];
  heads: { chain_key: string; seq: string; hash: string }[];
  approvals: {
    id: string;
    agent_id: string;
    action_hash: string;
    status: PresentedApproval["status"];
    expires_at: string;
    consumed_at: string | null;
  }[];
  open_approvals: { agent_id: string; n: number }[];
  existing: { agent_id: string; idempotency_key: string; request_hash: string | null; response: JsonValue }[];
};

const newApprovalId = () => `apr_${randomUUID().replaceAll("-", "")}`;

/** Run one batch in its own transaction on `client`; throws (having written nothing) on any failure. */
export async function commitDecisionBatch(
  client: pg.PoolClient,
  batch: readonly PendingDecision[],
  chainKeyFor: (orgId: string) => string,
): Promise<Settlement[]> {
  const opensApprovals = [
    ...new Set(batch.filter((p) => p.evaluation.approvalRequirement).map((p) => p.agentId)),
  ].sort();
  const charges = new Map<
    string,
    { org_id: string; agent_id: string; metric: string; window: string; window_key: string }
  >();
  for (const p of batch) {
    for (const c of p.evaluation.quotaCharges) {
      charges.set(usageKey(p.agentId, c), {
        org_id: p.orgId,
        agent_id: p.agentId,
        metric: c.metric,
        window: c.window,
        window_key: c.windowKey,
      });
    }
  }
  const chains = new Map(
    batch.map((p) => [chainKeyFor(p.orgId), { chain_key: chainKeyFor(p.orgId), org_id: p.orgId }]),
  );
  const presented = [
    ...new Set(
      batch.flatMap((p) => (p.evaluation.consumesApprovalId ? [p.evaluation.consumesApprovalId] : [])),
    ),
  ];
  const keys = batch.flatMap((p) =>
    p.idempotencyKey ? [{ agent_id: p.agentId, idempotency_key: p.idempotencyKey }] : [],
  );
  const orgIds = [...new Set(batch.map((p) => p.orgId))];

  const lockAndRead = [
    "BEGIN",
    // Approval queues are locked in a statement of their own, so that the count that follows
    // (a new snapshot) sees every approval committed before the lock was granted.
    ...(opensApprovals.length > 0 ? [inline(LOCK_APPROVAL_QUEUES_SQL, [opensApprovals])] : []),
    inline(LOCK_AND_READ_SQL, [
      [...charges.values()],
      GENESIS_HASH,
      [...chains.values()],
      presented,
      opensApprovals,
      keys,
      orgIds,
    ]),
  ].join(";\n");
  const results = (await client.query(lockAndRead)) as unknown as pg.QueryResult<LockedRows>[];
  const locked = results[results.length - 1]!;
  const rows = locked.rows[0]!;
  const state: LockedState = {
    now: new Date(),
    usage: new Map(
      rows.usage.map((u) => [
        usageKey(u.agent_id, { metric: u.metric, window: u.window, windowKey: u.window_key }),
        Number(u.used),
      ]),
    ),
    heads: new Map(rows.heads.map((h) => [h.chain_key, { seq: BigInt(h.seq), hash: h.hash }])),
    approvals: new Map(
      rows.approvals.map((a) => [
        a.id,
        {
          id: a.id,
          agentId: a.agent_id,
          actionHash: a.action_hash,
          status: a.status,
          expiresAt: new Date(a.expires_at),
          consumedAt: a.consumed_at ? new Date(a.consumed_at) : null,
        },
      ]),
    ),
    pendingApprovals: new Map(rows.open_approvals.map((o) => [o.agent_id, o.n])),
    existing: new Map(
      rows.existing.map((e) => [
        idempotencyIndex(e.agent_id, e.idempotency_key),
        { requestHash: e.request_hash, response: e.response },
      ]),
    ),
  };

  const { settlements, writes } = settleBatch(batch, state, {
    chainKeyFor,
    newApprovalId,
    settledAt: performance.now(),
  });
  // If the write fails, the COMMIT after it is never run and the transaction is abandoned.
  await client.query(`${inline(WRITE_SQL, writeParameters(writes))};\nCOMMIT`);
  return settlements;
}

/** Replace `$n` with the n-th value as a literal: strings as they are, anything else as JSON. */
function inline(sql: string, values: unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_match, n: string) => {
    const value = values[Number(n) - 1];
    return dollarQuoted(typeof value === "string" ? value : JSON.stringify(value));
  });
}

/** A dollar-quoted literal: no escaping at all, with a tag the text does not contain. */
function dollarQuoted(text: string): string {
  let tag = "wj";
  while (text.includes(`$${tag}$`)) tag = `wj${randomUUID().slice(0, 8)}`;
  return `$${tag}$${text}$${tag}$`;
}

function writeParameters(writes: BatchWrites): unknown[] {
  return [
    writes.usage.map((u) => ({
      agent_id: u.agentId,
      metric: u.metric,
      window: u.window,
      window_key: u.windowKey,
      used: u.used,
    })),
    writes.heads.map((h) => ({ chain_key: h.chainKey, seq: h.seq.toString(), hash: h.hash })),
    writes.newApprovals.map((a) => ({
      id: a.id,
      org_id: a.orgId,
      agent_id: a.agentId,
      run_id: a.runId,
      decision_id: a.decisionId,
      grant_id: a.grantId,
      action_hash: a.actionHash,
      action: a.action,
      effect: a.effect,
      rule_reason: a.ruleReason,
      on_behalf_of: a.onBehalfOf,
      required_approvers: a.requiredApprovers,
      expires_at: a.expiresAt.toISOString(),
      created_at: a.createdAt.toISOString(),
    })),
    writes.consumedApprovals.map((c) => ({
      id: c.id,
      decision_id: c.decisionId,
      consumed_at: c.consumedAt.toISOString(),
    })),
    writes.decisions.map((d) => ({
      id: d.id,
      org_id: d.orgId,
      agent_id: d.agentId,
      run_id: d.runId,
      credential_id: d.credentialId,
      tool: d.tool,
      operation: d.operation,
      resource: d.resource,
      params: d.params,
      action_hash: d.actionHash,
      effect: d.effect,
      outcome: d.outcome,
      reason_code: d.reasonCode,
      reason_message: d.reasonMessage,
      grant_id: d.grantId,
      approval_id: d.approvalId,
      plan_id: d.planId,
      policy_version: d.policyVersion,
      latency_micros: d.latencyMicros,
      spend_cents: d.spendCents,
      tokens: d.tokens,
      on_behalf_of: d.onBehalfOf,
      idempotency_key: d.idempotencyKey,
      request_hash: d.requestHash,
      response: d.response,
      chain_key: d.chainKey,
      seq: d.seq.toString(),
      prev_hash: d.prevHash,
      hash: d.hash,
      created_at: d.createdAt.toISOString(),
    })),
  ];
}
