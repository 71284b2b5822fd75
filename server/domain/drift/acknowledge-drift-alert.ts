import type { Tx } from "../../db";
import type { DriftAlert } from "../../generated/prisma/client";
import { writeAuditEvent } from "../audit/write-audit-event";
import { lockAgentForChange } from "../agents/lock-agent-for-change";
import type { ChangeContext } from "../agents/change-context";
import { AppError, notFound } from "../errors";

/** Loads an alert of the org and locks its agent for a change by this member. */
export async function lockAlertForChange(tx: Tx, ctx: ChangeContext, alertId: string): Promise<DriftAlert> {
  const found = await tx.driftAlert.findFirst({ where: { id: alertId, orgId: ctx.orgId } });
  if (!found) throw notFound("This drift alert");
  await lockAgentForChange(tx, ctx, found.agentId);
  // Re-read under the agent's lock: a concurrent acknowledgement or restore may have landed.
  return tx.driftAlert.findUniqueOrThrow({ where: { id: alertId } });
}

/**
 * Marks an alert as seen by a person. An acknowledged alert no longer blocks a new one for the
 * same metric, so a drift that persists fires again on the next evaluation.
 */
export async function acknowledgeDriftAlert(
  tx: Tx,
  ctx: ChangeContext,
  alertId: string,
): Promise<DriftAlert> {
  const alert = await lockAlertForChange(tx, ctx, alertId);
  if (alert.acknowledgedAt)
    throw new AppError("PRECONDITION_FAILED", "This drift alert has already been acknowledged.");
  const updated = await tx.driftAlert.update({
    where: { id: alert.id },
    data: { acknowledgedAt: new Date() },
  });
  await writeAuditEvent(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: "drift_alert.acknowledged",
    targetType: "agent",
    targetId: alert.agentId,
    before: { alertId: alert.id, metric: alert.metric, acknowledgedAt: null },
    after: { alertId: alert.id, metric: alert.metric, acknowledgedAt: updated.acknowledgedAt },
  });
  return updated;
}
