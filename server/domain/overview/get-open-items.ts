import type { DbOrTx } from "../../db";
import { METRIC_TEXT } from "../drift/drift-metrics";
import { DRIFT_METRICS, type DriftMetric } from "../drift/drift-settings";

/** Active incidents (open or mitigated) and unacknowledged drift alerts, newest first. */
export async function getOpenItems(db: DbOrTx, orgId: string) {
  const [incidents, incidentCount, alerts, alertCount] = await Promise.all([
    db.incident.findMany({
      where: { orgId, status: { in: ["OPEN", "MITIGATED"] } },
      orderBy: { createdAt: "desc" },
      take: 5,
      select: { id: true, title: true, severity: true, status: true, createdAt: true },
    }),
    db.incident.count({ where: { orgId, status: { in: ["OPEN", "MITIGATED"] } } }),
    db.driftAlert.findMany({
      where: { orgId, acknowledgedAt: null },
      orderBy: { createdAt: "desc" },
      take: 6,
      select: {
        id: true,
        metric: true,
        value: true,
        threshold: true,
        autoDemoted: true,
        createdAt: true,
        agent: { select: { id: true, name: true } },
      },
    }),
    db.driftAlert.count({ where: { orgId, acknowledgedAt: null } }),
  ]);
  const label = (metric: string) =>
    (DRIFT_METRICS as readonly string[]).includes(metric) ? METRIC_TEXT[metric as DriftMetric].label : metric;
  return {
    incidents,
    incidentCount,
    alerts: alerts.map((a) => ({ ...a, label: label(a.metric) })),
    alertCount,
  };
}
