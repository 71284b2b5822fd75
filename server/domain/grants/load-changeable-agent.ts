import type { DbOrTx } from "../../db";
import { authorizeAgentChange, can, type MemberContext } from "../auth/permissions";
import { AppError, forbidden, notFound } from "../errors";

export type ChangeableAgent = {
  id: string;
  orgId: string;
  name: string;
  ownerId: string;
  status: "ACTIVE" | "PAUSED" | "DECOMMISSIONED";
  parentId: string | null;
};

/**
 * Load an agent of the member's org that the member may change (its grants, quotas…). Another
 * org's agent is NOT_FOUND, never FORBIDDEN, so ids cannot be probed across tenants. A
 * decommissioned agent keeps its history but can no longer be changed.
 */
export async function loadChangeableAgent(
  client: DbOrTx,
  member: MemberContext,
  agentId: string,
): Promise<ChangeableAgent> {
  const agent = await client.agent.findFirst({
    where: { id: agentId, orgId: member.orgId },
    select: { id: true, orgId: true, name: true, ownerId: true, status: true, parentId: true },
  });
  if (!agent) throw notFound("The agent");
  authorizeAgentChange(member, agent);
  if (agent.status === "DECOMMISSIONED") {
    throw new AppError(
      "PRECONDITION_FAILED",
      `${agent.name} is decommissioned; it can no longer be changed.`,
    );
  }
  return agent;
}

/**
 * The role-level check every grant/quota change procedure makes before loading the agent: the
 * member must be able to change some agent (any, or the ones they own). The per-agent check
 * follows in loadChangeableAgent.
 */
export function authorizeAgentScopeChanges(member: Pick<MemberContext, "roles">): void {
  if (!can(member, "agents:manage-any") && !can(member, "agents:manage-own")) {
    throw forbidden("Your role does not allow changing agents' grants or quotas.");
  }
}
