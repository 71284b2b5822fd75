import type { DbOrTx } from "../../db";

export type ActivityPoint = { bucketStart: Date; allows: number; denies: number; approvals: number };

type Row = { bucket_start: Date; allows: bigint; denies: bigint; approvals: bigint };

/**
 * Decisions of the whole org per bucket, summed over agents from the rollups: per minute over
 * the last hour, or per hour over the last day. Buckets with no decisions are filled with zeros.
 */
export async function getActivitySeries(
  db: DbOrTx,
  orgId: string,
  granularity: "MINUTE" | "HOUR",
  now = new Date(),
): Promise<ActivityPoint[]> {
  const step = granularity === "MINUTE" ? 60_000 : 3_600_000;
  const count = granularity === "MINUTE" ? 60 : 24;
  const last = Math.floor(now.getTime() / step) * step;
  const from = new Date(last - (count - 1) * step);
  const rows = await db.$queryRaw<Row[]>`
    SELECT bucket_start, sum(allows)::bigint AS allows, sum(denies)::bigint AS denies,
           sum(approvals_required)::bigint AS approvals
    FROM agent_rollups
    WHERE org_id = ${orgId} AND granularity = ${granularity}::"RollupGranularity" AND bucket_start >= ${from}
    GROUP BY bucket_start`;
  const byTime = new Map(rows.map((r) => [r.bucket_start.getTime(), r]));
  return Array.from({ length: count }, (_, i) => {
    const at = from.getTime() + i * step;
    const row = byTime.get(at);
    return {
      bucketStart: new Date(at),
      allows: Number(row?.allows ?? 0),
      denies: Number(row?.denies ?? 0),
      approvals: Number(row?.approvals ?? 0),
    };
  });
}
