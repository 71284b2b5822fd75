import type { Tx } from "../../db";
import type { Agent, Prisma } from "../../generated/prisma/client";
import { writeAuditEvent } from "../audit/write-audit-event";
import { AppError } from "../errors";
import { requestSignOffIfNeeded, type PendingSignOff } from "../change-requests/request-sign-off-if-needed";
import { autonomyWidening } from "../change-requests/scope-widening";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { agentPurposeSchema, autonomyAboveParent, autonomySchema, parseField } from "./agent-fields";
import { assertEligibleOwner } from "./assert-eligible-owner";
import { mayChooseOwner, type ChangeContext } from "./change-context";
import { agentAuditSnapshot, lockAgentForChange } from "./lock-agent-for-change";

/**
 * A sub-agent is not raised above its parent's level (/api/decide would hold it to the parent's
 * anyway). Only raises are refused: lowering is always allowed, even for a sub-agent that is
 * still above a parent whose level was lowered since.
 */
async function assertWithinParentAutonomy(
  tx: Tx,
  orgId: string,
  parentId: string | null,
  autonomy: number,
): Promise<void> {
  if (!parentId) return;
  const parent = await tx.agent.findFirst({
    where: { id: parentId, orgId },
    select: { name: true, autonomy: true },
  });
  if (parent && autonomy > parent.autonomy) throw autonomyAboveParent(parent);
}

export type UpdateAgentInput = { id: string; purpose?: string; autonomy?: number; ownerId?: string };

/**
 * Change an agent's purpose, autonomy level or (admins only) owner. Unchanged fields are left alone.
 * Raising a production agent's autonomy waits for security (`signOff`); the other fields apply.
 */
export async function updateAgent(
  tx: Tx,
  ctx: ChangeContext,
  input: UpdateAgentInput,
): Promise<Agent & { signOff?: PendingSignOff }> {
  const agent = await lockAgentForChange(tx, ctx, input.id);
  const data: Prisma.AgentUncheckedUpdateInput = {};

  if (input.purpose !== undefined) {
    const purpose = parseField(agentPurposeSchema, input.purpose, "purpose");
    if (purpose !== agent.purpose) data.purpose = purpose;
  }
  if (input.autonomy !== undefined) {
    const autonomy = parseField(autonomySchema, input.autonomy, "autonomy");
    if (autonomy > agent.autonomy) await assertWithinParentAutonomy(tx, ctx.orgId, agent.parentId, autonomy);
    if (autonomy !== agent.autonomy) data.autonomy = autonomy;
  }
  const signOff =
    data.autonomy === undefined
      ? null
      : await requestSignOffIfNeeded(tx, {
          orgId: ctx.orgId,
          agent,
          change: {
            kind: "agent.autonomy",
            payload: { autonomy: data.autonomy as number },
            before: { autonomy: agent.autonomy },
          },
          reasons: autonomyWidening(agent.autonomy, data.autonomy as number),
          requester: { actor: ctx.actor, memberId: ctx.member?.id ?? null },
        });
  if (signOff) delete data.autonomy;
  if (input.ownerId !== undefined && input.ownerId !== agent.ownerId) {
    if (!mayChooseOwner(ctx)) {
      throw new AppError("FORBIDDEN", "Only an admin can hand an agent to another owner.");
    }
    await assertEligibleOwner(tx, ctx.orgId, input.ownerId);
    data.ownerId = input.ownerId;
  }
  // Nothing to change: no audit event, no policy reload.
  if (Object.keys(data).length === 0) return signOff ? { ...agent, signOff } : agent;

  const updated = await tx.agent.update({ where: { id: agent.id }, data });
  await writeAuditEvent(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: "agent.updated",
    targetType: "agent",
    targetId: agent.id,
    before: agentAuditSnapshot(agent),
    after: agentAuditSnapshot(updated),
  });
  await bumpPolicyVersion(tx, ctx.orgId);
  return signOff ? { ...updated, signOff } : updated;
}
