import type { Tx } from "../../db";
import type { Agent, Prisma } from "../../generated/prisma/client";
import { writeAuditEvent } from "../audit/write-audit-event";
import { AppError } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { agentPurposeSchema, autonomySchema, parseField } from "./agent-fields";
import { assertEligibleOwner } from "./assert-eligible-owner";
import { mayChooseOwner, type ChangeContext } from "./change-context";
import { agentAuditSnapshot, lockAgentForChange } from "./lock-agent-for-change";

export type UpdateAgentInput = { id: string; purpose?: string; autonomy?: number; ownerId?: string };

/** Change an agent's purpose, autonomy level or (admins only) owner. Unchanged fields are left alone. */
export async function updateAgent(tx: Tx, ctx: ChangeContext, input: UpdateAgentInput): Promise<Agent> {
  const agent = await lockAgentForChange(tx, ctx, input.id);
  const data: Prisma.AgentUncheckedUpdateInput = {};

  if (input.purpose !== undefined) {
    const purpose = parseField(agentPurposeSchema, input.purpose, "purpose");
    if (purpose !== agent.purpose) data.purpose = purpose;
  }
  if (input.autonomy !== undefined) {
    const autonomy = parseField(autonomySchema, input.autonomy, "autonomy");
    if (autonomy !== agent.autonomy) data.autonomy = autonomy;
  }
  if (input.ownerId !== undefined && input.ownerId !== agent.ownerId) {
    if (!mayChooseOwner(ctx)) {
      throw new AppError("FORBIDDEN", "Only an admin can hand an agent to another owner.");
    }
    await assertEligibleOwner(tx, ctx.orgId, input.ownerId);
    data.ownerId = input.ownerId;
  }
  // Nothing to change: no audit event, no policy reload.
  if (Object.keys(data).length === 0) return agent;

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
  return updated;
}
