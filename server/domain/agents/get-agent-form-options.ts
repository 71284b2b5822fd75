import type { DbOrTx } from "../../db";
import { authorize, canManageAgent, type MemberContext } from "../auth/permissions";

/** What the agent form offers: environments, possible owners and possible parents. */
export async function getAgentFormOptions(db: DbOrTx, member: MemberContext) {
  authorize(member, "org:read");
  const [environments, owners, parents] = await Promise.all([
    db.environment.findMany({
      where: { orgId: member.orgId },
      select: { id: true, name: true, isProduction: true },
      orderBy: { name: "asc" },
    }),
    db.member.findMany({
      where: { orgId: member.orgId, roles: { hasSome: ["OWNER", "ADMIN"] } },
      select: { id: true, user: { select: { name: true, email: true } } },
      orderBy: { user: { email: "asc" } },
      take: 200,
    }),
    db.agent.findMany({
      where: { orgId: member.orgId, status: { in: ["ACTIVE", "PAUSED"] } },
      select: { id: true, name: true, environmentId: true, ownerId: true },
      orderBy: { name: "asc" },
      take: 200,
    }),
  ]);
  return {
    environments,
    owners: owners.map((owner) => ({ id: owner.id, name: owner.user.name, email: owner.user.email })),
    // Only agents the member may change can take a sub-agent (see registerAgent).
    parents: parents
      .filter((parent) => canManageAgent(member, parent))
      .map(({ id, name, environmentId }) => ({ id, name, environmentId })),
    me: { memberId: member.id, canChooseOwner: member.roles.includes("ADMIN") },
  };
}
