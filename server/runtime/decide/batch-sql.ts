import { randomUUID } from "node:crypto";

// The statements of a group-commit batch. Every row set travels as one JSON document
// (jsonb_to_recordset), never one statement per row. The two large statements are prepared once
// per connection (SQL PREPARE, generic plan) and run with EXECUTE, their arguments inlined as
// dollar-quoted literals: only the simple query protocol carries several statements (BEGIN, the
// locks, the write, COMMIT) in one round trip, and round trips bound a batch's latency, while
// parsing and planning statements this size each time cost more than executing them.

/**
 * The advisory lock of an agent's approval queue (its key + the agent id): every writer of new
 * approvals (decision batches, plan submissions) takes it before counting the open ones.
 */
export const APPROVAL_QUEUE_LOCK_KEY = "warden:approval-queue:";

/** Approval queues are locked in a statement of their own, so that the count in the next one sees every approval committed before the lock. */
export const LOCK_APPROVAL_QUEUES_SQL = `
SELECT pg_advisory_xact_lock(hashtextextended('${APPROVAL_QUEUE_LOCK_KEY}' || agent_id, 0))
  FROM jsonb_array_elements_text($1::jsonb) AS t(agent_id)`;

/**
 * The locking read of the slow path: creates missing usage rows and chain heads, locks and reads
 * them, the presented approvals, the open approval counts and the stored idempotent answers.
 */
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

/**
 * The write of a batch, checked. Every usage row and chain head the settlement read is updated
 * only where it still holds the value the settlement started from (a row changed meanwhile by
 * another instance is re-read by the UPDATE's own lock and then left out), the open approval
 * counts and the absence of the idempotency keys it assumed new are compared, and
 * warden_assert_batch_state aborts the whole transaction unless every one of them held: a batch
 * settled on out-of-date state writes nothing (SQLSTATE WB001). The UPDATE takes each row lock
 * once, instead of a locking read followed by the update.
 *
 * $1 usage rows (used before → after, sorted: the lock order), $2 chain heads (before → after),
 * $3 expected open approvals per agent, $4 idempotency keys that must not exist; $5 new
 * approvals, $6 used approvals, $7 decisions.
 */
const CHECKED_WRITE_SQL = `
WITH usage AS (
  UPDATE quota_usages AS q SET used = u.used, updated_at = now()
    FROM jsonb_to_recordset($1::jsonb) AS u(agent_id text, metric text, "window" text, window_key text, before bigint, used bigint)
   WHERE q.agent_id = u.agent_id AND q.metric = u.metric::"QuotaMetric"
     AND q."window" = u."window"::"QuotaWindow" AND q.window_key = u.window_key
     AND q.used = u.before
  RETURNING 1
), heads AS (
  UPDATE chain_heads AS h SET seq = v.seq, hash = v.hash, updated_at = now()
    FROM jsonb_to_recordset($2::jsonb) AS v(chain_key text, before_seq bigint, before_hash text, seq bigint, hash text)
   WHERE h.chain_key = v.chain_key AND h.seq = v.before_seq AND h.hash = v.before_hash
  RETURNING 1
), new_approvals AS (
  INSERT INTO approvals (id, org_id, agent_id, run_id, decision_id, grant_id, action_hash, action, effect,
                         rule_reason, on_behalf_of, status, required_approvers, expires_at, created_at)
  SELECT a.id, a.org_id, a.agent_id, a.run_id, a.decision_id, a.grant_id, a.action_hash, a.action,
         a.effect::"EffectClass", a.rule_reason, a.on_behalf_of, 'PENDING', a.required_approvers, a.expires_at, a.created_at
    FROM jsonb_to_recordset($5::jsonb) AS a(id text, org_id text, agent_id text, run_id text, decision_id text,
         grant_id text, action_hash text, action jsonb, effect text, rule_reason text, on_behalf_of text,
         required_approvers int, expires_at timestamptz, created_at timestamptz)
  RETURNING 1
), consumed AS (
  UPDATE approvals AS a SET status = 'CONSUMED', consumed_at = c.consumed_at,
         consumed_by_decision_id = c.decision_id, version = a.version + 1
    FROM jsonb_to_recordset($6::jsonb) AS c(id text, decision_id text, consumed_at timestamptz)
   WHERE a.id = c.id
  RETURNING 1
), decided AS (
  INSERT INTO decisions (id, org_id, agent_id, run_id, credential_id, tool, operation, resource, params, action_hash,
                         effect, outcome, reason_code, reason_message, grant_id, approval_id, plan_id, policy_version,
                         latency_micros, spend_cents, tokens, on_behalf_of, idempotency_key, request_hash, response,
                         chain_key, seq, prev_hash, hash, created_at)
  SELECT d.id, d.org_id, d.agent_id, d.run_id, d.credential_id, d.tool, d.operation, d.resource, d.params, d.action_hash,
         d.effect::"EffectClass", d.outcome::"DecisionOutcome", d.reason_code, d.reason_message, d.grant_id, d.approval_id,
         d.plan_id, d.policy_version, d.latency_micros, d.spend_cents, d.tokens, d.on_behalf_of, d.idempotency_key,
         d.request_hash, d.response, d.chain_key, d.seq, d.prev_hash, d.hash, d.created_at
    FROM jsonb_to_recordset($7::jsonb) AS d(id text, org_id text, agent_id text, run_id text, credential_id text, tool text,
         operation text, resource text, params jsonb, action_hash text, effect text, outcome text, reason_code text,
         reason_message text, grant_id text, approval_id text, plan_id text, policy_version int, latency_micros int,
         spend_cents bigint, tokens bigint, on_behalf_of text, idempotency_key text, request_hash text, response jsonb,
         chain_key text, seq bigint, prev_hash text, hash text, created_at timestamptz)
  RETURNING 1
)
-- The writes above run to completion whatever this reads; the assertion undoes them all when the
-- state was out of date. Counts are compared after the UPDATEs have waited for and re-checked
-- any row another transaction held, so they compare with the latest committed version.
SELECT warden_assert_batch_state(
         (SELECT count(*) FROM usage) = jsonb_array_length($1::jsonb)
     AND (SELECT count(*) FROM heads) = jsonb_array_length($2::jsonb)
     AND NOT EXISTS (
           SELECT 1 FROM jsonb_to_recordset($3::jsonb) AS e(agent_id text, n int)
            WHERE e.n <> (SELECT count(*) FROM approvals a
                           WHERE a.agent_id = e.agent_id AND a.status = 'PENDING' AND a.expires_at > now()))
     AND NOT EXISTS (
           SELECT 1 FROM jsonb_to_recordset($4::jsonb) AS k(agent_id text, idempotency_key text)
             JOIN decisions d ON d.agent_id = k.agent_id AND d.idempotency_key = k.idempotency_key)) AS ok,
       (SELECT count(*) FROM decided)::int AS decisions,
       (SELECT count(*) FROM new_approvals) + (SELECT count(*) FROM consumed) AS other_rows`;

/** SQLSTATE of warden_assert_batch_state: the batch was settled on out-of-date state and nothing was written. */
export const STALE_BATCH_STATE = "WB001";

/** The prepared statements of a batch connection: names and parameter types. */
const PREPARED = {
  lockAndRead: {
    name: "warden_batch_lock_and_read",
    types: "jsonb, text, jsonb, jsonb, jsonb, jsonb, jsonb",
    sql: LOCK_AND_READ_SQL,
  },
  checkedWrite: {
    name: "warden_batch_checked_write",
    types: "jsonb, jsonb, jsonb, jsonb, jsonb, jsonb, jsonb",
    sql: CHECKED_WRITE_SQL,
  },
} as const;

/** Run once on a new batch connection (whose settings force generic plans, see batch-connections). */
export const PREPARE_BATCH_STATEMENTS = Object.values(PREPARED)
  .map((p) => `PREPARE ${p.name}(${p.types}) AS ${p.sql}`)
  .join(";\n");

/** EXECUTE of a prepared batch statement with its arguments as literals. */
export function execute(statement: keyof typeof PREPARED, values: readonly unknown[]): string {
  return `EXECUTE ${PREPARED[statement].name}(${values.map(literal).join(", ")})`;
}

export type CheckedWriteRow = { ok: boolean; decisions: number };

/** Replace `$n` with the n-th value as a literal. */
export function inline(sql: string, values: readonly unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_match, n: string) => literal(values[Number(n) - 1]));
}

/** A value as a literal: strings as they are, anything else as JSON. */
function literal(value: unknown): string {
  return dollarQuoted(typeof value === "string" ? value : JSON.stringify(value));
}

/** A dollar-quoted literal: no escaping at all, with a tag the text does not contain. */
function dollarQuoted(text: string): string {
  let tag = "wj";
  while (text.includes(`$${tag}$`)) tag = `wj${randomUUID().slice(0, 8)}`;
  return `$${tag}$${text}$${tag}$`;
}
