import type { DbOrTx } from "../../db";

export type AgentActivity = {
  agentId: string;
  name: string;
  calls: number;
  denies: number;
  approvals: number;
  spendCents: number;
};

type Row = {
  agent_id: string;
  name: string;
  calls: bigint;
  denies: bigint;
  approvals: bigint;
  spend_cents: bigint;
};

/** Per-agent totals over the last day from hourly rollups, the busiest and the most refused. */
export async function getTopAgents(
  db: DbOrTx,
  orgId: string,
  now = new Date(),
  limit = 8,
): Promise<{ byActivity: AgentActivity[]; byDenials: AgentActivity[] }> {
  const from = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 23 * 3_600_000);
  const rows = await db.$queryRaw<Row[]>`
    WITH per_agent AS (
      SELECT agent_id, sum(allows + denies + approvals_required)::bigint AS calls, sum(denies)::bigint AS denies,
             sum(approvals_required)::bigint AS approvals, sum(spend_cents)::bigint AS spend_cents
      FROM agent_rollups
      WHERE org_id = ${orgId} AND granularity = 'HOUR' AND bucket_start >= ${from}
      GROUP BY agent_id
    ), ranked AS (
      (SELECT * FROM per_agent ORDER BY calls DESC, agent_id LIMIT ${limit})
      UNION
      (SELECT * FROM per_agent WHERE denies > 0 ORDER BY denies DESC, agent_id LIMIT ${limit})
    )
    SELECT r.*, a.name FROM ranked r JOIN agents a ON a.id = r.agent_id`;
  const all = rows.map((r) => ({
    agentId: r.agent_id,
    name: r.name,
    calls: Number(r.calls),
    denies: Number(r.denies),
    approvals: Number(r.approvals),
    spendCents: Number(r.spend_cents),
  }));
  const byActivity = [...all]
    .sort((a, b) => b.calls - a.calls || a.agentId.localeCompare(b.agentId))
    .slice(0, limit);
  const byDenials = all
    .filter((a) => a.denies > 0)
    .sort((a, b) => b.denies - a.denies || a.agentId.localeCompare(b.agentId))
    .slice(0, limit);
  return { byActivity, byDenials };
}
