import type { Tx } from "../../db";
import type { KillSwitch } from "../../generated/prisma/client";
import { authorizeIfMember, type ChangeContext } from "../agents/change-context";
import { writeAuditEvent } from "../audit/write-audit-event";
import { fieldError, parseField } from "../agents/agent-fields";
import { AppError } from "../errors";
import { cancelInScope } from "./cancel-in-scope";
import { finishOnOrgRow } from "./finish-on-org-row";
import { killSwitchReasonSchema, killSwitchScopeSchema, type PriorState } from "./kill-switch-fields";
import { lockSwitchesOfOrg } from "./lock-switches-of-org";
import { stopTarget } from "./stop-target";

export type EngageKillSwitchInput = { scope: string; targetId?: string | null; reason: string };

export type EngageKillSwitchResult = {
  killSwitch: KillSwitch;
  targetName: string;
  /** Pending approvals, and approved ones not used yet, of the agents stopped (sub-agents too). */
  cancelledApprovalIds: string[];
  /** Their pending and approved plans. */
  cancelledPlanIds: string[];
};

/**
 * Stop an agent, an environment or the whole org, in one transaction: the switch row, the state
 * change the decision API reads (paused / frozen), cancelled approvals and plans (pending or
 * approved: nothing approved before the switch works after its release), revoked short-lived
 * tokens, the audit event and the policy version bump whose NOTIFY makes every instance reload.
 * Nothing of it is visible until all of it commits. Locks are taken in the org's lock order
 * (see lock-switches-of-org.ts).
 */
export async function engageKillSwitch(
  tx: Tx,
  ctx: ChangeContext,
  input: EngageKillSwitchInput,
): Promise<EngageKillSwitchResult> {
  authorizeIfMember(ctx, "killswitch:use");
  const scope = parseField(killSwitchScopeSchema, input.scope, "scope");
  const reason = parseField(killSwitchReasonSchema, input.reason, "reason");
  const targetId = scope === "ORG" ? null : (input.targetId ?? "").trim();
  if (targetId === "") {
    throw fieldError(
      "INVALID_REQUEST",
      "targetId",
      scope === "AGENT" ? "Choose the agent to pause." : "Choose the environment to freeze.",
    );
  }
  await lockSwitchesOfOrg(tx, ctx.orgId);

  const engaged = await tx.killSwitch.findFirst({
    where: { orgId: ctx.orgId, scope, targetId, releasedAt: null },
    select: { id: true },
  });
  if (engaged) {
    throw new AppError(
      "CONFLICT",
      "A kill switch is already engaged on this target. Resume it first if you want to engage a new one.",
    );
  }

  const now = new Date();
  const stopped = await stopTarget(tx, ctx.orgId, { scope, targetId, reason, now });
  const cancelled = await cancelInScope(tx, ctx.orgId, scope, targetId, now);
  const killSwitch = await tx.killSwitch.create({
    data: {
      orgId: ctx.orgId,
      scope,
      targetId,
      reason,
      engagedById: ctx.member?.id ?? null,
      engagedAt: now,
      priorState: stopped.prior satisfies PriorState,
    },
  });
  await writeAuditEvent(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: "killswitch.engaged",
    targetType: "kill_switch",
    targetId: killSwitch.id,
    before: { scope, targetId, targetName: stopped.name, state: stopped.prior },
    after: {
      scope,
      targetId,
      targetName: stopped.name,
      reason,
      tokensRevokedBefore: now.toISOString(),
      cancelledApprovalIds: cancelled.approvalIds,
      cancelledPlanIds: cancelled.planIds,
    },
  });
  // The organization row last, after the chain head (an org switch freezes it only now).
  await finishOnOrgRow(tx, ctx.orgId, stopped.orgUpdate);
  return {
    killSwitch,
    targetName: stopped.name,
    cancelledApprovalIds: cancelled.approvalIds,
    cancelledPlanIds: cancelled.planIds,
  };
}
