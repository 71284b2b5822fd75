import type { Tx } from "../../db";
import type { KillSwitch } from "../../generated/prisma/client";
import { parseField } from "../agents/agent-fields";
import { authorizeIfMember, type ChangeContext } from "../agents/change-context";
import { writeAuditEvent } from "../audit/write-audit-event";
import { AppError, notFound } from "../errors";
import { cancelInScope } from "./cancel-in-scope";
import { finishOnOrgRow } from "./finish-on-org-row";
import { killSwitchReasonSchema } from "./kill-switch-fields";
import { lockSwitchesOfOrg } from "./lock-switches-of-org";
import { restoreTarget } from "./restore-target";

export type ReleaseKillSwitchInput = { id: string; reason: string };

export type ReleaseKillSwitchResult = {
  killSwitch: KillSwitch;
  targetName: string;
  restored: string;
  /** Approvals and plans in scope that appeared after the engage (see below), cancelled now. */
  cancelledApprovalIds: string[];
  cancelledPlanIds: string[];
};

/**
 * Resume after a kill switch: restore the target to what it was before, record who released it
 * and why, audit it and bump the policy version. Tokens revoked by the switch stay revoked: the
 * runtime must exchange its credential for a new one.
 *
 * Approvals and plans in scope are cancelled again, as at the engage. There should be none: a
 * stopped agent asks for nothing. But a decision made on a policy snapshot from just before the
 * engage may have asked for one after the engage had cancelled the others (instances reload
 * within a second of the engage, not at its commit), and someone may have approved it while the
 * switch was on: nothing approved before the release may work after it.
 */
export async function releaseKillSwitch(
  tx: Tx,
  ctx: ChangeContext,
  input: ReleaseKillSwitchInput,
): Promise<ReleaseKillSwitchResult> {
  authorizeIfMember(ctx, "killswitch:use");
  const reason = parseField(killSwitchReasonSchema, input.reason, "reason");
  // In the org's lock order (see lock-switches-of-org.ts), like the engage.
  await lockSwitchesOfOrg(tx, ctx.orgId);
  const engaged = await tx.killSwitch.findFirst({ where: { id: input.id, orgId: ctx.orgId } });
  if (!engaged) throw notFound("This kill switch");
  if (engaged.releasedAt) {
    throw new AppError("PRECONDITION_FAILED", "This kill switch has already been released.");
  }
  const now = new Date();
  const restored = await restoreTarget(tx, ctx.orgId, engaged);
  const cancelled = await cancelInScope(tx, ctx.orgId, engaged.scope, engaged.targetId, now);
  const killSwitch = await tx.killSwitch.update({
    where: { id: engaged.id },
    data: { releasedAt: now, releasedById: ctx.member?.id ?? null, releaseReason: reason },
  });
  await writeAuditEvent(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: "killswitch.released",
    targetType: "kill_switch",
    targetId: killSwitch.id,
    before: { scope: engaged.scope, targetId: engaged.targetId, targetName: restored.name, engaged: true },
    after: {
      scope: engaged.scope,
      targetId: engaged.targetId,
      targetName: restored.name,
      reason,
      restored: restored.description,
      cancelledApprovalIds: cancelled.approvalIds,
      cancelledPlanIds: cancelled.planIds,
    },
  });
  // The organization row last, after the chain head (an org switch unfreezes it only now).
  await finishOnOrgRow(tx, ctx.orgId, restored.orgUpdate);
  return {
    killSwitch,
    targetName: restored.name,
    restored: restored.description,
    cancelledApprovalIds: cancelled.approvalIds,
    cancelledPlanIds: cancelled.planIds,
  };
}
