// The rollup job's statements, run with the session time zone set to UTC (date_trunc then cuts
// UTC minutes and hours; its three-argument form costs several microseconds a row). Buckets are
// UTC minutes and hours; minute buckets are kept only for
// recent activity (MINUTE_RETENTION_HOURS), hour buckets for ever, so no dashboard ever has to
// read raw decisions and the rollups of a year stay a few rows per agent-hour.

export const MINUTE_RETENTION_HOURS = 26;

/** Serialises passes across instances: whoever holds it advances the cursors; others skip. */
export const ROLLUP_LOCK_KEY = 0x77617264; // "ward"

/**
 * Folds the decisions of several chains, each with seq in (from, to], into the rollups, adding to
 * what the buckets already hold (each bucket is written once per step, whatever the number of
 * chains), and records the resources each agent touches for the first time.
 * $1 chain keys, $2 from seqs (exclusive), $3 to seqs (inclusive), $4 oldest minute bucket kept.
 * Runs in the transaction that moves the chains' cursors, so each decision is counted once.
 */
export const FOLD_DECISIONS_SQL = `
WITH ranges AS (
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS r(chain_key, from_seq, to_seq)
), batch AS (
  SELECT d.org_id, d.agent_id, d.created_at, d.tool || ':' || d.operation AS op, d.effect::text AS effect,
         d.outcome::text AS outcome, d.spend_cents, d.tokens, d.resource
  FROM ranges r CROSS JOIN LATERAL (
    SELECT * FROM decisions d
    WHERE d.chain_key = r.chain_key AND d.seq > r.from_seq AND d.seq <= r.to_seq
  ) d
), grains AS (
  SELECT b.*, 'HOUR'::"RollupGranularity" AS granularity, date_trunc('hour', b.created_at) AS bucket_start FROM batch b
  UNION ALL
  SELECT b.*, 'MINUTE'::"RollupGranularity", date_trunc('minute', b.created_at) FROM batch b WHERE b.created_at >= $4
), fine AS (
  -- One pass over the rows; everything below works on these (far fewer) groups.
  SELECT org_id, agent_id, granularity, bucket_start, op, effect,
         count(*) AS n,
         count(*) FILTER (WHERE outcome = 'ALLOW') AS allows,
         count(*) FILTER (WHERE outcome = 'DENY') AS denies,
         count(*) FILTER (WHERE outcome = 'REQUIRE_APPROVAL') AS approvals_required,
         sum(spend_cents) AS spend_cents, sum(tokens) AS tokens
  FROM grains GROUP BY 1, 2, 3, 4, 5, 6
), totals AS (
  SELECT org_id, agent_id, granularity, bucket_start, sum(allows) AS allows, sum(denies) AS denies,
         sum(approvals_required) AS approvals_required, sum(spend_cents) AS spend_cents, sum(tokens) AS tokens
  FROM fine GROUP BY 1, 2, 3, 4
), ops AS (
  SELECT agent_id, granularity, bucket_start, jsonb_object_agg(op, n) AS by_operation
  FROM (SELECT agent_id, granularity, bucket_start, op, sum(n) AS n FROM fine GROUP BY 1, 2, 3, 4) o
  GROUP BY 1, 2, 3
), effects AS (
  SELECT agent_id, granularity, bucket_start, jsonb_object_agg(effect, n) AS by_effect
  FROM (SELECT agent_id, granularity, bucket_start, coalesce(effect, 'UNKNOWN') AS effect, sum(n) AS n
        FROM fine GROUP BY 1, 2, 3, 4) e
  GROUP BY 1, 2, 3
), first_seen AS (
  INSERT INTO seen_resources (org_id, agent_id, resource, first_seen_at)
  SELECT org_id, agent_id, resource, min(created_at) FROM batch GROUP BY 1, 2, 3
  ON CONFLICT (agent_id, resource) DO NOTHING
  RETURNING agent_id, first_seen_at
), fresh AS (
  SELECT agent_id, granularity, bucket_start, count(*) AS n FROM (
    SELECT agent_id, 'HOUR'::"RollupGranularity" AS granularity, date_trunc('hour', first_seen_at) AS bucket_start FROM first_seen
    UNION ALL
    SELECT agent_id, 'MINUTE'::"RollupGranularity", date_trunc('minute', first_seen_at) FROM first_seen WHERE first_seen_at >= $4
  ) f GROUP BY 1, 2, 3
)
INSERT INTO agent_rollups AS r (org_id, agent_id, granularity, bucket_start, allows, denies,
  approvals_required, by_effect, by_operation, spend_cents, tokens, new_resources)
SELECT t.org_id, t.agent_id, t.granularity, t.bucket_start, t.allows, t.denies, t.approvals_required,
       e.by_effect, o.by_operation, t.spend_cents, t.tokens, coalesce(f.n, 0)
FROM totals t
JOIN ops o USING (agent_id, granularity, bucket_start)
JOIN effects e USING (agent_id, granularity, bucket_start)
LEFT JOIN fresh f USING (agent_id, granularity, bucket_start)
ON CONFLICT (agent_id, granularity, bucket_start) DO UPDATE SET
  allows = r.allows + excluded.allows,
  denies = r.denies + excluded.denies,
  approvals_required = r.approvals_required + excluded.approvals_required,
  by_effect = warden_add_counts(r.by_effect, excluded.by_effect),
  by_operation = warden_add_counts(r.by_operation, excluded.by_operation),
  spend_cents = r.spend_cents + excluded.spend_cents,
  tokens = r.tokens + excluded.tokens,
  new_resources = r.new_resources + excluded.new_resources`;

/**
 * Recounts approvals granted and denied, and runs started, for every bucket from $1 (an hour
 * boundary) on. Unlike decisions these rows carry no commit order, so the job recounts a window
 * with a margin and SETs the counts: running it twice gives the same rollups.
 * $1 recount from, $2 oldest minute bucket kept.
 */
export const RECOUNT_ACTIVITY_SQL = `
WITH approvals_src AS (
  SELECT org_id, agent_id, decided_at AS at,
         (status IN ('APPROVED', 'CONSUMED'))::int AS granted, (status = 'DENIED')::int AS denied, 0 AS runs
  FROM approvals WHERE decided_at >= $1 AND status IN ('APPROVED', 'CONSUMED', 'DENIED')
), runs_src AS (
  SELECT r.org_id, r.agent_id, r.started_at AS at, 0 AS granted, 0 AS denied, 1 AS runs
  FROM organizations o JOIN LATERAL (
    SELECT org_id, agent_id, started_at FROM runs WHERE runs.org_id = o.id AND runs.started_at >= $1
  ) r ON true
), src AS (
  SELECT * FROM approvals_src UNION ALL SELECT * FROM runs_src
), counted AS (
  SELECT org_id, agent_id, granularity, bucket_start,
         sum(granted) AS granted, sum(denied) AS denied, sum(runs) AS runs
  FROM (
    SELECT s.*, 'HOUR'::"RollupGranularity" AS granularity, date_trunc('hour', s.at) AS bucket_start FROM src s
    UNION ALL
    SELECT s.*, 'MINUTE'::"RollupGranularity", date_trunc('minute', s.at) FROM src s WHERE s.at >= $2
  ) g
  GROUP BY 1, 2, 3, 4
)
INSERT INTO agent_rollups AS r (org_id, agent_id, granularity, bucket_start, approvals_granted, approvals_denied, runs)
SELECT org_id, agent_id, granularity, bucket_start, granted, denied, runs FROM counted
ON CONFLICT (agent_id, granularity, bucket_start) DO UPDATE SET
  approvals_granted = excluded.approvals_granted,
  approvals_denied = excluded.approvals_denied,
  runs = excluded.runs
WHERE (r.approvals_granted, r.approvals_denied, r.runs)
      IS DISTINCT FROM (excluded.approvals_granted, excluded.approvals_denied, excluded.runs)`;

/**
 * Chains whose head is past the job's cursor, with how far each has been read. Read under the
 * job's lock, so the cursors are those of the last committed step of any instance.
 */
export const PENDING_CHAINS_SQL = `
SELECT h.chain_key, coalesce(c.seq, 0)::text AS from_seq, h.seq::text AS head_seq
FROM chain_heads h LEFT JOIN rollup_cursors c ON c.chain_key = h.chain_key
WHERE h.chain_key LIKE 'dec:%' AND h.seq > coalesce(c.seq, 0)`;

/** Moves the cursors of the chains just folded. $1 chain keys, $2 new seqs. */
export const MOVE_CURSORS_SQL = `
INSERT INTO rollup_cursors (chain_key, seq, updated_at)
SELECT chain_key, seq, now() FROM unnest($1::text[], $2::bigint[]) AS c(chain_key, seq)
ON CONFLICT (chain_key) DO UPDATE SET seq = excluded.seq, updated_at = now()`;
