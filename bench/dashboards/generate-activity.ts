// Generates a realistic history straight in SQL (generate_series): one org with AGENTS agents of
// very unequal activity, 24 operations over three tools, mostly allows with some denials and
// approvals, a daily rhythm, ~30 days ending now, spread over 8 decision chains like a fleet of
// writers. Hashes are placeholders: the chain is not what this benchmark measures.
import type pg from "pg";

export const AGENTS = 300;
const CHAINS = 8;
const DAYS = 30;

const OPERATIONS = [
  ["github", "repos.get", "READ"],
  ["github", "pulls.list", "READ"],
  ["github", "pulls.get", "READ"],
  ["github", "pulls.create", "WRITE"],
  ["github", "pulls.merge", "WRITE"],
  ["github", "issues.comment", "WRITE"],
  ["github", "issues.list", "READ"],
  ["github", "repos.delete", "DELETE"],
  ["github", "actions.run", "WRITE"],
  ["slack", "channels.history", "READ"],
  ["slack", "chat.postMessage", "WRITE"],
  ["slack", "users.info", "READ"],
  ["slack", "conversations.archive", "DELETE"],
  ["slack", "reactions.add", "WRITE"],
  ["slack", "files.upload", "WRITE"],
  ["stripe", "charges.list", "READ"],
  ["stripe", "refunds.create", "SPEND"],
  ["stripe", "customers.update", "WRITE"],
  ["stripe", "payouts.create", "SPEND"],
  ["stripe", "invoices.list", "READ"],
  ["stripe", "customers.get", "READ"],
  ["jira", "issues.create", "WRITE"],
  ["jira", "issues.search", "READ"],
  ["jira", "projects.admin", "ADMIN"],
] as const;

export async function createFleet(client: pg.Client): Promise<string> {
  const one = async (sql: string, values: unknown[] = []) =>
    (await client.query<{ id: string }>(sql, values)).rows[0]!.id;
  const orgId = await one(
    "INSERT INTO organizations (slug, name, updated_at) VALUES ('bench-dash', 'Dashboards benchmark', now()) RETURNING id",
  );
  const envId = await one(
    "INSERT INTO environments (org_id, name, is_production) VALUES ($1, 'prod', true) RETURNING id",
    [orgId],
  );
  const userId = await one(
    "INSERT INTO users (email, name, updated_at) VALUES ('owner@bench.test', 'Owner', now()) RETURNING id",
  );
  const ownerId = await one(
    "INSERT INTO members (org_id, user_id, roles, updated_at) VALUES ($1, $2, '{OWNER}', now()) RETURNING id",
    [orgId, userId],
  );
  await client.query(
    `INSERT INTO agents (id, org_id, name, owner_id, environment_id, autonomy, updated_at)
     SELECT 'agt_bench_' || i, $1, 'agent-' || lpad(i::text, 3, '0'), $2, $3, 2, now() FROM generate_series(0, $4 - 1) i`,
    [orgId, ownerId, envId, AGENTS],
  );
  return orgId;
}

/**
 * Appends `count` decisions (and a run per ~20 decisions, approvals for those that needed one)
 * after `offset` already generated ones, in chunks so each statement stays a few seconds.
 */
export async function generateDecisions(
  client: pg.Client,
  orgId: string,
  offset: number,
  count: number,
): Promise<void> {
  const ops = OPERATIONS.map(([t, o, e]) => `('${t}','${o}','${e}')`).join(",");
  const chunk = 500_000;
  for (let start = offset; start < offset + count; start += chunk) {
    const n = Math.min(chunk, offset + count - start);
    await client.query(
      `WITH ops(tool, operation, effect, k) AS (
         SELECT tool, operation, effect, (row_number() OVER () - 1)::int FROM (VALUES ${ops}) v(tool, operation, effect)
       ), g AS (
         SELECT i,
                -- Agents' activity follows a steep power law; each agent favours a few operations.
                floor($4::int * power(random(), 2.5))::int AS agent,
                random() AS r_op, random() AS r_out, random() AS r_res,
                -- Uniform over the days, with a daytime hump.
                now() - (random() * $5 * 86400) * interval '1 second' AS t0
         FROM generate_series($1::bigint, $1::bigint + $2 - 1) i
       )
       INSERT INTO decisions (id, org_id, agent_id, run_id, tool, operation, resource, action_hash, effect, outcome,
                              reason_code, reason_message, policy_version, spend_cents, tokens, chain_key, seq, prev_hash, hash, created_at)
       SELECT 'dec_b' || g.i, $3, 'agt_bench_' || g.agent, NULL, o.tool, o.operation,
              o.tool || ':res/' || (g.agent * 7 + floor(power(g.r_res, 3) * 400)::int),
              'h', o.effect::"EffectClass",
              (CASE WHEN g.r_out < 0.86 THEN 'ALLOW' WHEN g.r_out < 0.95 THEN 'DENY' ELSE 'REQUIRE_APPROVAL' END)::"DecisionOutcome",
              CASE WHEN g.r_out < 0.86 THEN 'ALLOWED_BY_GRANT' WHEN g.r_out < 0.95 THEN 'NO_MATCHING_GRANT' ELSE 'APPROVAL_REQUIRED' END,
              'bench', 1,
              CASE WHEN o.effect = 'SPEND' AND g.r_out < 0.86 THEN floor(g.r_res * 5000)::bigint ELSE 0 END,
              floor(500 + g.r_op * 3000)::bigint,
              'dec:' || $3 || ':bench.' || (g.i % ${CHAINS}), g.i / ${CHAINS} + 1, 'p', 'h',
              g.t0 - (CASE WHEN extract(hour FROM g.t0) < 7 AND g.r_res < 0.5 THEN interval '8 hours' ELSE interval '0' END)
       FROM g JOIN ops o ON o.k = (g.agent + floor(power(g.r_op, 2) * 24)::int) % 24`,
      [start, n, orgId, AGENTS, DAYS],
    );
  }
  await client.query(
    `INSERT INTO chain_heads (chain_key, org_id, seq, hash, updated_at)
     SELECT chain_key, org_id, max(seq), 'h', now() FROM decisions WHERE org_id = $1 GROUP BY 1, 2
     ON CONFLICT (chain_key) DO UPDATE SET seq = excluded.seq`,
    [orgId],
  );
  // Runs and approvals in proportion (they are what the rollups recount by time).
  await client.query(
    `INSERT INTO runs (org_id, agent_id, status, started_at, ended_at)
     SELECT $1, 'agt_bench_' || floor($3::int * power(random(), 2.5))::int, 'SUCCEEDED', t, t + interval '3 minutes'
     FROM (SELECT now() - random() * interval '30 days' AS t FROM generate_series(1, $2::int / 20)) s`,
    [orgId, count, AGENTS],
  );
  await client.query(
    `INSERT INTO approvals (org_id, agent_id, action_hash, action, rule_reason, status, expires_at, decided_at, created_at)
     SELECT $1, 'agt_bench_' || floor($3::int * power(random(), 2.5))::int, 'h', '{}', 'amount above 100',
            (CASE WHEN random() < 0.8 THEN 'APPROVED' ELSE 'DENIED' END)::"ApprovalStatus", t + interval '10 minutes', t + interval '1 minute', t
     FROM (SELECT now() - random() * interval '30 days' AS t FROM generate_series(1, $2::int / 20)) s`,
    [orgId, count, AGENTS],
  );
  await client.query(
    `INSERT INTO approvals (org_id, agent_id, action_hash, action, rule_reason, status, expires_at, created_at)
     SELECT $1, 'agt_bench_' || (i % $2), 'h', '{}', 'amount above 100', 'PENDING', now() + interval '10 minutes', now() - i * interval '20 seconds'
     FROM generate_series(1, 40) i`,
    [orgId, AGENTS],
  );
}

/**
 * A bulk load builds its indexes afterwards. The decisions' secondary indexes serve the console's
 * searches, not the dashboards (which read rollups) nor the rollup job (which reads by chain and
 * sequence, rebuilt after each load), so the benchmark database does without them.
 */
export async function restoreChainIndex(client: pg.Client): Promise<void> {
  await client.query(
    `CREATE UNIQUE INDEX IF NOT EXISTS decisions_chain_key_seq_key ON decisions (chain_key, seq)`,
  );
  await client.query(`ANALYZE decisions`);
}

export async function dropDecisionIndexes(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ indexname: string }>(
    `SELECT indexname FROM pg_indexes WHERE tablename = 'decisions'`,
  );
  for (const { indexname } of rows) {
    await client.query(`ALTER TABLE decisions DROP CONSTRAINT IF EXISTS "${indexname}" CASCADE`);
    await client.query(`DROP INDEX IF EXISTS "${indexname}"`);
  }
  // Foreign keys from decisions are checked per row; the generator only writes valid ids.
  await client.query(
    `ALTER TABLE decisions DROP CONSTRAINT IF EXISTS decisions_agent_id_fkey, DROP CONSTRAINT IF EXISTS decisions_org_id_fkey, DROP CONSTRAINT IF EXISTS decisions_run_id_fkey`,
  );
}
