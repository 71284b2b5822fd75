import type { Tx } from "../../db";
import { SYSTEM_ACTOR, writeAuditEvent } from "../audit/write-audit-event";
import { toJsonValue } from "../canonical-json";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { getAgentDrift } from "./get-agent-drift";

export type EvaluationResult = { alertsCreated: number; demoted: boolean };

const RUNS_IN_EVIDENCE = 10;

/**
 * Checks one agent and records an alert for each breached metric that has no open
 * (unacknowledged) alert yet. Holds a per-agent advisory lock for the transaction, so two
 * instances evaluating at once create each alert once. With automatic response on, the first
 * new alert demotes the agent's autonomy by one level, as the system, audited and effective at
 * once (policy version bump).
 */
export async function evaluateAgentDrift(
  tx: Tx,
  orgId: string,
  agentId: string,
  now = new Date(),
): Promise<EvaluationResult> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`drift:${agentId}`}, 0))`;
  const drift = await getAgentDrift(tx, orgId, agentId, {}, now);
  const breached = drift.metrics.filter((m) => m.breached);
  if (breached.length === 0) return { alertsCreated: 0, demoted: false };

  const open = await tx.driftAlert.findMany({
    where: { agentId, acknowledgedAt: null },
    select: { metric: true },
  });
  const openMetrics = new Set(open.map((a) => a.metric));
  const fresh = breached.filter((m) => !openMetrics.has(m.metric));
  if (fresh.length === 0) return { alertsCreated: 0, demoted: false };

  const runs = await tx.run.findMany({
    where: { agentId, startedAt: { gte: drift.windows.currentStart } },
    orderBy: { startedAt: "desc" },
    take: RUNS_IN_EVIDENCE,
    select: { id: true, startedAt: true, status: true },
  });
  const summary = (w: typeof drift.figures.baseline) => ({
    hours: w.hours,
    calls: w.calls,
    denies: w.denies,
    approvalsRequired: w.approvalsRequired,
    runs: w.runs,
    spendCents: w.spendCents,
    topOperations: Object.entries(w.byOperation)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10),
  });

  const agent = await tx.agent.findUniqueOrThrow({ where: { id: agentId } });
  const demote = drift.settings.autoDemote && agent.status === "ACTIVE" && agent.autonomy > 0;

  for (const [i, metric] of fresh.entries()) {
    const demotedHere = demote && i === 0;
    await tx.driftAlert.create({
      data: {
        orgId,
        agentId,
        metric: metric.metric,
        value: metric.value ?? 0,
        threshold: metric.threshold,
        autoDemoted: demotedHere,
        demotedFrom: demotedHere ? agent.autonomy : null,
        evidence: toJsonValue({
          label: metric.label,
          explanation: metric.explanation,
          unit: metric.unit,
          baselineValue: metric.baseline,
          currentValue: metric.current,
          items: metric.items ?? [],
          windows: {
            baselineStart: drift.windows.baselineStart.toISOString(),
            currentStart: drift.windows.currentStart.toISOString(),
            end: drift.windows.end.toISOString(),
          },
          baseline: summary(drift.figures.baseline),
          current: summary(drift.figures.current),
          runs: runs.map((r) => ({ id: r.id, startedAt: r.startedAt.toISOString(), status: r.status })),
        }) as object,
      },
    });
  }

  if (demote) {
    const updated = await tx.agent.update({ where: { id: agentId }, data: { autonomy: agent.autonomy - 1 } });
    await writeAuditEvent(tx, {
      orgId,
      actor: SYSTEM_ACTOR,
      action: "agent.autonomy_demoted",
      targetType: "agent",
      targetId: agentId,
      before: { autonomy: agent.autonomy },
      after: {
        autonomy: updated.autonomy,
        reason: `Drift alert: ${fresh.map((m) => m.label).join(", ")}`,
      },
    });
    await bumpPolicyVersion(tx, orgId);
  }
  return { alertsCreated: fresh.length, demoted: demote };
}
