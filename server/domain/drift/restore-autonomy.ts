import type { Tx } from "../../db";
import type { Agent } from "../../generated/prisma/client";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { ChangeContext } from "../agents/change-context";
import { AppError } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { lockAlertForChange } from "./acknowledge-drift-alert";

/**
 * Undoes an automatic demotion: puts back (at least) the autonomy level the agent had before the alert,
 * acknowledges the alert, records who did it, and makes /api/decide use the level at once.
 */
export async function restoreAutonomy(tx: Tx, ctx: ChangeContext, alertId: string): Promise<Agent> {
  const alert = await lockAlertForChange(tx, ctx, alertId);
  if (!alert.autoDemoted || alert.demotedFrom === null) {
    throw new AppError(
      "PRECONDITION_FAILED",
      "This alert did not demote the agent, so there is nothing to restore.",
    );
  }
  if (alert.restoredAt)
    throw new AppError("PRECONDITION_FAILED", "The agent's autonomy was already restored for this alert.");
  const agent = await tx.agent.findUniqueOrThrow({ where: { id: alert.agentId } });
  // Never lowers the level: after two demotions, restoring the older alert first must not be
  // undone by restoring the newer one (whose "before" is the already demoted level).
  const autonomy = Math.max(agent.autonomy, alert.demotedFrom);
  const updated = await tx.agent.update({ where: { id: agent.id }, data: { autonomy } });
  const now = new Date();
  await tx.driftAlert.update({
    where: { id: alert.id },
    data: { restoredAt: now, acknowledgedAt: alert.acknowledgedAt ?? now },
  });
  await writeAuditEvent(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: "agent.autonomy_restored",
    targetType: "agent",
    targetId: agent.id,
    before: { autonomy: agent.autonomy },
    after: { autonomy: updated.autonomy, alertId: alert.id },
  });
  await bumpPolicyVersion(tx, ctx.orgId);
  return updated;
}
