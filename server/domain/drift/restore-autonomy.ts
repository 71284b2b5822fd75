import type { Tx } from "../../db";
import type { Agent, DriftAlert } from "../../generated/prisma/client";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { ChangeContext } from "../agents/change-context";
import { requestSignOffIfNeeded, type PendingSignOff } from "../change-requests/request-sign-off-if-needed";
import { autonomyWidening } from "../change-requests/scope-widening";
import { AppError } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { lockAlertForChange } from "./acknowledge-drift-alert";

/**
 * Undoes an automatic demotion: puts back the autonomy level the agent had before the alert, but
 * only while the agent is still at the level the demotion left it at (compare-and-set under the
 * agent's row lock), so it never undoes a later decision by a person or a later demotion.
 *
 * Raising a production agent's autonomy is a widening like any other: it becomes a change request
 * that security signs off (`signOff`), exactly as on the agent's page, and nothing else changes
 * (the alert stays unrestored; approving the request restores the level). Otherwise the level is
 * put back at once, the alert is marked restored and acknowledged, and /api/decide uses the level.
 */
export async function restoreAutonomy(
  tx: Tx,
  ctx: ChangeContext,
  alertId: string,
): Promise<Agent & { signOff?: PendingSignOff }> {
  const alert = await lockAlertForChange(tx, ctx, alertId);
  if (!alert.autoDemoted || alert.demotedFrom === null) {
    throw new AppError(
      "PRECONDITION_FAILED",
      "This alert did not demote the agent, so there is nothing to restore.",
    );
  }
  if (alert.restoredAt)
    throw new AppError("PRECONDITION_FAILED", "The agent's autonomy was already restored for this alert.");
  // The agent's row is locked by lockAlertForChange: this read stays true until the transaction ends.
  const agent = await tx.agent.findUniqueOrThrow({ where: { id: alert.agentId } });
  const restoreTo = alert.demotedFrom;
  const leftAt = restoreTo - 1;
  if (agent.autonomy !== leftAt) await refuseChangedMeanwhile(tx, alert, agent);

  const signOff = await requestSignOffIfNeeded(tx, {
    orgId: ctx.orgId,
    agent,
    change: {
      kind: "agent.autonomy",
      payload: { autonomy: restoreTo },
      before: { autonomy: leftAt },
    },
    reasons: autonomyWidening(leftAt, restoreTo),
    requester: { actor: ctx.actor, memberId: ctx.member?.id ?? null },
  });
  if (signOff) {
    await writeAuditEvent(tx, {
      orgId: ctx.orgId,
      actor: ctx.actor,
      action: "agent.autonomy_restore_requested",
      targetType: "agent",
      targetId: agent.id,
      before: { autonomy: leftAt },
      after: { autonomy: restoreTo, alertId: alert.id, changeRequestId: signOff.changeRequestId },
    });
    return { ...agent, signOff };
  }

  // Conditional on the level read above; the row lock already guarantees it, this states it.
  const { count } = await tx.agent.updateMany({
    where: { id: agent.id, autonomy: leftAt },
    data: { autonomy: restoreTo },
  });
  if (count !== 1) await refuseChangedMeanwhile(tx, alert, agent);
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
    before: { autonomy: leftAt },
    after: { autonomy: restoreTo, alertId: alert.id },
  });
  await bumpPolicyVersion(tx, ctx.orgId);
  return tx.agent.findUniqueOrThrow({ where: { id: agent.id } });
}

/**
 * The agent is no longer at the level this alert's demotion left it at: a person or a later
 * demotion changed it. Putting back the old level would undo that, so the restore is refused and
 * the alert is left as it is.
 */
async function refuseChangedMeanwhile(
  tx: Tx,
  alert: DriftAlert,
  agent: Pick<Agent, "id" | "autonomy">,
): Promise<never> {
  const leftAt = (alert.demotedFrom ?? 0) - 1;
  if (agent.autonomy < leftAt) {
    const later = await tx.driftAlert.findFirst({
      where: { agentId: agent.id, autoDemoted: true, restoredAt: null, createdAt: { gt: alert.createdAt } },
      select: { id: true },
    });
    if (later) {
      throw new AppError(
        "CONFLICT",
        "A later drift alert lowered the agent's autonomy again; restore that alert first.",
      );
    }
  }
  throw new AppError(
    "CONFLICT",
    "The agent's autonomy was changed after this alert; set it on the agent's page instead.",
  );
}
