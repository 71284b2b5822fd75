// The benchmark's fleet: one org with 1,000 agents, each with a credential, grants and quotas,
// written with a few set-based statements (the console's one-row-at-a-time domain functions
// would take minutes for this and are not what is being measured).
import pg from "pg";
import { generateCredentialSecret } from "../server/domain/credentials/secret";

export type BenchAgent = {
  id: string;
  /** The bearer credential (wdn_…), used by the load generator only. */
  secret: string;
  /** Its grant asks for approval when `params.amount` is 100 or more. */
  approvalRule: boolean;
};

export type BenchFleet = { orgId: string; agents: BenchAgent[] };

/** Quotas are real (every allow consumes them, atomically) but high enough never to run out here. */
const QUOTAS = [
  { metric: "calls", window: "day", limit: 1_000_000_000 },
  { metric: "writes", window: "hour", limit: 1_000_000_000 },
  { metric: "tokens", window: "day", limit: 1_000_000_000_000 },
] as const;

const PARAMS_SCHEMA = {
  type: "object",
  properties: {
    number: { type: "integer", minimum: 0, maximum: 1_000_000 },
    amount: { type: "integer", minimum: 0, maximum: 10_000 },
  },
  required: ["number"],
};
const APPROVAL_WHEN = { type: "object", properties: { amount: { minimum: 100 } }, required: ["amount"] };

export const APPROVAL_RULE_EVERY = 10;

export async function seedBench(databaseUrl: string, agentCount: number): Promise<BenchFleet> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    const one = async (sql: string, values: unknown[] = []) =>
      (await client.query<{ id: string }>(sql, values)).rows[0]!.id;
    const orgId = await one(
      "INSERT INTO organizations (slug, name, updated_at) VALUES ('bench', 'Benchmark', now()) RETURNING id",
    );
    const envId = await one(
      "INSERT INTO environments (org_id, name, is_production) VALUES ($1, 'prod', true) RETURNING id",
      [orgId],
    );
    const userId = await one(
      "INSERT INTO users (email, name, updated_at) VALUES ('owner@bench.test', 'Bench Owner', now()) RETURNING id",
    );
    const ownerId = await one(
      `INSERT INTO members (org_id, user_id, roles, updated_at) VALUES ($1, $2, '{OWNER}', now()) RETURNING id`,
      [orgId, userId],
    );
    const toolId = await one(
      "INSERT INTO tools (org_id, name, updated_at) VALUES ($1, 'github', now()) RETURNING id",
      [orgId],
    );
    await client.query(
      `INSERT INTO operations (org_id, tool_id, name, effect, updated_at)
       SELECT $1, $2, o.name, o.effect::"EffectClass", now()
         FROM (VALUES ('pulls.get', 'READ'), ('pulls.merge', 'WRITE'), ('issues.create', 'WRITE')) AS o(name, effect)`,
      [orgId, toolId],
    );

    const agents = await client.query<{ id: string; n: number }>(
      `INSERT INTO agents (org_id, name, owner_id, environment_id, autonomy, max_pending_approvals, updated_at)
       SELECT $1, 'bench-agent-' || lpad(n::text, 4, '0'), $2, $3, 2 + (n % 2), 200, now()
         FROM generate_series(0, $4::int - 1) AS n
       RETURNING id, substring(name from 13)::int AS n`,
      [orgId, ownerId, envId, agentCount],
    );
    const ids: string[] = [];
    for (const row of agents.rows) ids[row.n] = row.id;
    const approvalRule = ids.map((_, n) => n % APPROVAL_RULE_EVERY === 0);

    await client.query(
      `INSERT INTO grants (org_id, agent_id, operation_pattern, resource_patterns, params_schema,
                           approval_mode, approval_when, updated_at)
       SELECT $1, a.id, 'github:*', ARRAY['repo:bench/*'], $2::jsonb,
              CASE WHEN a.rule THEN 'WHEN' ELSE 'NEVER' END::"ApprovalMode",
              CASE WHEN a.rule THEN $3::jsonb END, now()
         FROM unnest($4::text[], $5::boolean[]) AS a(id, rule)`,
      [orgId, JSON.stringify(PARAMS_SCHEMA), JSON.stringify(APPROVAL_WHEN), ids, approvalRule],
    );
    for (const quota of QUOTAS) {
      await client.query(
        `INSERT INTO quotas (org_id, agent_id, metric, "window", "limit", updated_at)
         SELECT $1, id, $2::"QuotaMetric", $3::"QuotaWindow", $4::bigint, now() FROM unnest($5::text[]) AS id`,
        [orgId, quota.metric, quota.window, quota.limit, ids],
      );
    }

    const secrets = ids.map(() => generateCredentialSecret());
    await client.query(
      `INSERT INTO credentials (org_id, agent_id, prefix, secret_hash, label)
       SELECT $1, c.agent_id, c.prefix, c.secret_hash, 'benchmark'
         FROM unnest($2::text[], $3::text[], $4::text[]) AS c(agent_id, prefix, secret_hash)`,
      [orgId, ids, secrets.map((s) => s.prefix), secrets.map((s) => s.secretHash)],
    );
    await client.query("COMMIT");
    return {
      orgId,
      agents: ids.map((id, n) => ({ id, secret: secrets[n]!.secret, approvalRule: approvalRule[n]! })),
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
