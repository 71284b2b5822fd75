import type { DbOrTx } from "../../db";
import { getActivitySeries } from "./get-activity-series";
import { getOpenItems } from "./get-open-items";
import { getPendingApprovals } from "./get-pending-approvals";
import { getRollupFreshness } from "./get-rollup-freshness";
import { getTopAgents } from "./get-top-agents";

/** Everything the overview page shows, from rollups and small indexed tables only. */
export async function getOverview(db: DbOrTx, orgId: string, now = new Date()) {
  const [perMinute, perHour, top, pending, open, freshness] = await Promise.all([
    getActivitySeries(db, orgId, "MINUTE", now),
    getActivitySeries(db, orgId, "HOUR", now),
    getTopAgents(db, orgId, now),
    getPendingApprovals(db, orgId, now),
    getOpenItems(db, orgId),
    getRollupFreshness(db, now),
  ]);
  const day = perHour.reduce(
    (acc, p) => ({ calls: acc.calls + p.allows + p.denies + p.approvals, denies: acc.denies + p.denies }),
    { calls: 0, denies: 0 },
  );
  const lastHourCalls = perMinute.reduce((sum, p) => sum + p.allows + p.denies + p.approvals, 0);
  return {
    perMinute,
    perHour,
    totals: {
      callsLastDay: day.calls,
      deniesLastDay: day.denies,
      denyRateLastDay: day.calls > 0 ? day.denies / day.calls : null,
      callsLastHour: lastHourCalls,
    },
    top,
    pending,
    open,
    freshness,
  };
}
