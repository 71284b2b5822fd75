import type { DbOrTx } from "../../db";
import type { WindowFigures } from "./drift-metrics";
import type { DriftWindows } from "./drift-windows";

type TotalsRow = {
  calls: bigint | null;
  denies: bigint | null;
  approvals_required: bigint | null;
  runs: bigint | null;
  spend_cents: bigint | number | null;
};

async function windowFigures(db: DbOrTx, agentId: string, from: Date, to: Date): Promise<WindowFigures> {
  const [totals] = await db.$queryRaw<TotalsRow[]>`
    SELECT sum(allows + denies + approvals_required)::bigint AS calls, sum(denies)::bigint AS denies,
           sum(approvals_required)::bigint AS approvals_required, sum(runs)::bigint AS runs,
           sum(spend_cents)::bigint AS spend_cents
    FROM agent_rollups
    WHERE agent_id = ${agentId} AND granularity = 'HOUR' AND bucket_start >= ${from} AND bucket_start < ${to}`;
  const ops = await db.$queryRaw<{ op: string; n: bigint }[]>`
    SELECT kv.key AS op, sum(kv.value::bigint)::bigint AS n
    FROM agent_rollups r CROSS JOIN LATERAL jsonb_each_text(r.by_operation) kv
    WHERE r.agent_id = ${agentId} AND r.granularity = 'HOUR' AND r.bucket_start >= ${from} AND r.bucket_start < ${to}
    GROUP BY kv.key`;
  return {
    hours: (to.getTime() - from.getTime()) / 3_600_000,
    calls: Number(totals?.calls ?? 0),
    denies: Number(totals?.denies ?? 0),
    approvalsRequired: Number(totals?.approvals_required ?? 0),
    runs: Number(totals?.runs ?? 0),
    spendCents: Number(totals?.spend_cents ?? 0),
    byOperation: Object.fromEntries(ops.map((o) => [o.op, Number(o.n)])),
  };
}

export type DriftFigures = {
  baseline: WindowFigures;
  current: WindowFigures;
  newResources: string[];
  /** Calls per hour across both windows, for the chart. */
  hourly: { bucketStart: Date; calls: number; denies: number }[];
};

/** Everything drift needs for one agent, read from rollups and first-seen resources only. */
export async function loadDriftFigures(
  db: DbOrTx,
  agentId: string,
  windows: DriftWindows,
): Promise<DriftFigures> {
  const [baseline, current, resources, hourly] = await Promise.all([
    windowFigures(db, agentId, windows.baselineStart, windows.currentStart),
    windowFigures(db, agentId, windows.currentStart, windows.end),
    db.$queryRaw<{ resource: string }[]>`
      SELECT resource FROM seen_resources
      WHERE agent_id = ${agentId} AND first_seen_at >= ${windows.currentStart}
      ORDER BY first_seen_at DESC LIMIT 500`,
    db.$queryRaw<{ bucket_start: Date; calls: number; denies: number }[]>`
      SELECT bucket_start, (allows + denies + approvals_required) AS calls, denies
      FROM agent_rollups
      WHERE agent_id = ${agentId} AND granularity = 'HOUR'
        AND bucket_start >= ${windows.baselineStart} AND bucket_start < ${windows.end}
      ORDER BY bucket_start`,
  ]);
  return {
    baseline,
    current,
    newResources: resources.map((r) => r.resource),
    hourly: hourly.map((h) => ({
      bucketStart: h.bucket_start,
      calls: Number(h.calls),
      denies: Number(h.denies),
    })),
  };
}
