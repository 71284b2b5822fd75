import type { DbOrTx } from "../../db";
import { authorizeAgentChange, type MemberContext } from "../auth/permissions";
import { AppError, notFound } from "../errors";

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
    throw new AppError("PRECONDITION_FAILED", `${agent.name} is decommissioned; it can no longer be changed.`);
  }
  return agent;
}
