import type { DbOrTx } from "../../db";
import type { AgentStatus, Prisma } from "../../generated/prisma/client";
import { authorize, can, type MemberContext } from "../auth/permissions";
import { activeCredentialWhere } from "../credentials/credential-state";

export type ListAgentsInput = {
  search?: string;
  environmentId?: string;
  status?: AgentStatus;
  ownerId?: string;
  autonomy?: number;
};

/** The console shows at most this many agents per list; filters narrow it down. */
export const AGENT_LIST_LIMIT = 200;

/** The org's agents, filtered, with what the fleet table shows about each. */
export async function listAgents(db: DbOrTx, member: MemberContext, input: ListAgentsInput) {
  authorize(member, "org:read");
  const now = new Date();
  const search = input.search?.trim();
  const where: Prisma.AgentWhereInput = {
    orgId: member.orgId,
    environmentId: input.environmentId,
    status: input.status,
    ownerId: input.ownerId,
    autonomy: input.autonomy,
    ...(search
      ? {
          OR: [
            { name: { contains: search, mode: "insensitive" } },
            { purpose: { contains: search, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const agents = await db.agent.findMany({
    where,
    orderBy: [{ name: "asc" }],
    take: AGENT_LIST_LIMIT,
    select: {
      id: true,
      name: true,
      purpose: true,
      status: true,
      autonomy: true,
      createdAt: true,
      environment: { select: { id: true, name: true, isProduction: true } },
      owner: { select: { id: true, user: { select: { name: true, email: true } } } },
      parent: { select: { id: true, name: true } },
      _count: {
        select: {
          // Expired just-in-time grants no longer let the agent do anything.
          grants: { where: { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } },
          credentials: { where: activeCredentialWhere(now) },
        },
      },
    },
  });

  const lastUse = await db.credential.groupBy({
    by: ["agentId"],
    where: { orgId: member.orgId, agentId: { in: agents.map((agent) => agent.id) } },
    _max: { lastUsedAt: true },
  });
  const lastUsedAt = new Map(lastUse.map((row) => [row.agentId, row._max.lastUsedAt]));

  return {
    items: agents.map((agent) => ({
      id: agent.id,
      name: agent.name,
      purpose: agent.purpose,
      status: agent.status,
      autonomy: agent.autonomy,
      environment: agent.environment,
      owner: { id: agent.owner.id, name: agent.owner.user.name, email: agent.owner.user.email },
      parent: agent.parent,
      grantCount: agent._count.grants,
      activeCredentialCount: agent._count.credentials,
      lastUsedAt: lastUsedAt.get(agent.id) ?? null,
      createdAt: agent.createdAt,
    })),
    canCreate: can(member, "agents:create"),
  };
}
