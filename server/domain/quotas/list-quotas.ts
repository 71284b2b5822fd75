import { db } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";
import { notFound } from "../errors";
import type { QuotaMetric } from "./quota-record";
import { windowKey, type QuotaWindow } from "./window-key";

export type QuotaListItem = {
  id: string;
  metric: QuotaMetric;
  window: QuotaWindow;
  limit: number;
  used: number;
};

const METRIC_ORDER: QuotaMetric[] = ["calls", "writes", "spendCents", "tokens"];
const WINDOW_ORDER: QuotaWindow[] = ["run", "hour", "day"];

/**
 * An agent's quotas with what the current window has used. A run window has no single current
 * instance (each run has its own), so its `used` is 0 here.
 */
export async function listQuotas(
  member: MemberContext,
  agentId: string,
  now = new Date(),
): Promise<QuotaListItem[]> {
  authorize(member, "org:read");
  const agent = await db.agent.findFirst({
    where: { id: agentId, orgId: member.orgId },
    select: { id: true },
  });
  if (!agent) throw notFound("The agent");
  const hourKey = windowKey("hour", now);
  const dayKey = windowKey("day", now);
  const [quotas, usages] = await Promise.all([
    db.quota.findMany({
      where: { agentId: agent.id, orgId: member.orgId },
      select: { id: true, metric: true, window: true, limit: true },
    }),
    db.quotaUsage.findMany({
      where: {
        agentId: agent.id,
        orgId: member.orgId,
        OR: [
          { window: "hour", windowKey: hourKey },
          { window: "day", windowKey: dayKey },
        ],
      },
      select: { metric: true, window: true, used: true },
    }),
  ]);
  const usedBy = new Map(usages.map((u) => [`${u.metric}/${u.window}`, Number(u.used)]));
  return quotas
    .map((q) => ({
      id: q.id,
      metric: q.metric,
      window: q.window,
      limit: Number(q.limit),
      used: q.window === "run" ? 0 : (usedBy.get(`${q.metric}/${q.window}`) ?? 0),
    }))
    .sort(
      (a, b) =>
        METRIC_ORDER.indexOf(a.metric) - METRIC_ORDER.indexOf(b.metric) ||
        WINDOW_ORDER.indexOf(a.window) - WINDOW_ORDER.indexOf(b.window),
    );
}
