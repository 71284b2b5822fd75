import type { Tx } from "../../db";
import type { KillSwitch } from "../../generated/prisma/client";
import { parseField } from "../agents/agent-fields";
import { authorizeIfMember, type ChangeContext } from "../agents/change-context";
import { writeAuditEvent } from "../audit/write-audit-event";
import { AppError, notFound } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { killSwitchReasonSchema } from "./kill-switch-fields";
import { lockOrgForSwitch } from "./lock-org-for-switch";
import { restoreTarget } from "./restore-target";

export type ReleaseKillSwitchInput = { id: string; reason: string };

/**
 * Resume after a kill switch: restore the target to what it was before, record who released it
 * and why, audit it and bump the policy version. Tokens revoked by the switch stay revoked: the
 * runtime must exchange its credential for a new one.
 */
export async function releaseKillSwitch(
  tx: Tx,
  ctx: ChangeContext,
  input: ReleaseKillSwitchInput,
): Promise<{ killSwitch: KillSwitch; targetName: string; restored: string }> {
  authorizeIfMember(ctx, "killswitch:use");
  const reason = parseField(killSwitchReasonSchema, input.reason, "reason");
  await lockOrgForSwitch(tx, ctx.orgId);
  const engaged = await tx.killSwitch.findFirst({ where: { id: input.id, orgId: ctx.orgId } });
  if (!engaged) throw notFound("This kill switch");
  if (engaged.releasedAt) {
    throw new AppError("PRECONDITION_FAILED", "This kill switch has already been released.");
  }
  const restored = await restoreTarget(tx, ctx.orgId, engaged);
  const killSwitch = await tx.killSwitch.update({
    where: { id: engaged.id },
    data: { releasedAt: new Date(), releasedById: ctx.member?.id ?? null, releaseReason: reason },
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
    },
  });
  await bumpPolicyVersion(tx, ctx.orgId);
  return { killSwitch, targetName: restored.name, restored: restored.description };
}
