import type { Tx } from "../../db";
import type { Agent } from "../../generated/prisma/client";
import { AppError, notFound } from "../errors";
import { authorizeAgentChangeIfMember, type ChangeContext } from "./change-context";

/**
 * Load an agent of the org for a change, holding its row lock until the transaction ends, so
 * that concurrent changes to one agent (a rotation racing a decommission) apply one after the
 * other. An agent of another org is reported as not found, never as forbidden.
 */
export async function lockAgentForChange(tx: Tx, ctx: ChangeContext, agentId: string): Promise<Agent> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM agents WHERE id = ${agentId} AND org_id = ${ctx.orgId} FOR UPDATE`;
  if (locked.length === 0) throw notFound("This agent");
  const agent = await tx.agent.findUniqueOrThrow({ where: { id: agentId } });
  authorizeAgentChangeIfMember(ctx, agent);
  assertNotDecommissioned(agent);
  return agent;
}

export function assertNotDecommissioned(agent: Pick<Agent, "name" | "status">): void {
  if (agent.status === "DECOMMISSIONED") {
    throw new AppError(
      "PRECONDITION_FAILED",
      `The agent ${agent.name} has been decommissioned; it can no longer be changed, and its history stays as it was.`,
    );
  }
}

/** What the audit trail records of an agent: its settings and state, never anything secret. */
export function agentAuditSnapshot(agent: Agent) {
  return {
    agentId: agent.id,
    name: agent.name,
    purpose: agent.purpose,
    ownerId: agent.ownerId,
    environmentId: agent.environmentId,
    parentId: agent.parentId,
    autonomy: agent.autonomy,
    status: agent.status,
    statusReason: agent.statusReason,
    pausedAt: agent.pausedAt,
    decommissionedAt: agent.decommissionedAt,
  };
}
