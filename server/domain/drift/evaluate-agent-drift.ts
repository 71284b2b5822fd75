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
 * once (policy version bump). The demotion is one level below the level read under the agent's
 * row lock, so it never writes back a level a person lowered meanwhile.
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

  // The level to demote from, read under the agent's row lock: a person's change to the level
  // (which takes the same lock) lands wholly before or after this demotion, never in between.
  const demotedFrom = drift.settings.autoDemote ? await lockDemotableLevel(tx, orgId, agentId) : null;
  const demote = demotedFrom !== null;

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
        demotedFrom: demotedHere ? demotedFrom : null,
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

  if (demotedFrom !== null) {
    // Relative and conditional: one level below the locked level, never an older absolute value.
    const { count } = await tx.agent.updateMany({
      where: { id: agentId, autonomy: demotedFrom },
      data: { autonomy: { decrement: 1 } },
    });
    if (count !== 1) throw new Error(`drift: agent ${agentId} changed while its row was locked`);
    await writeAuditEvent(tx, {
      orgId,
      actor: SYSTEM_ACTOR,
      action: "agent.autonomy_demoted",
      targetType: "agent",
      targetId: agentId,
      before: { autonomy: demotedFrom },
      after: {
        autonomy: demotedFrom - 1,
        reason: `Drift alert: ${fresh.map((m) => m.label).join(", ")}`,
      },
    });
    await bumpPolicyVersion(tx, orgId);
  }
  return { alertsCreated: fresh.length, demoted: demote };
}

/** Locks the agent's row and returns its level if the drift response may demote it, else null. */
async function lockDemotableLevel(tx: Tx, orgId: string, agentId: string): Promise<number | null> {
  const rows = await tx.$queryRaw<{ autonomy: number; status: string }[]>`
    SELECT autonomy, status::text AS status FROM agents
    WHERE id = ${agentId} AND org_id = ${orgId} FOR UPDATE`;
  const agent = rows[0];
  return agent && agent.status === "ACTIVE" && agent.autonomy > 0 ? agent.autonomy : null;
}
