import type { DbOrTx } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";

/** What the kill switch form offers: agents that can still act, and every environment. */
export async function killSwitchTargets(db: DbOrTx, member: MemberContext) {
  authorize(member, "killswitch:use");
  const [agents, environments] = await Promise.all([
    db.agent.findMany({
      where: { orgId: member.orgId, status: { not: "DECOMMISSIONED" } },
      select: { id: true, name: true, status: true, environment: { select: { name: true } } },
      orderBy: { name: "asc" },
    }),
    db.environment.findMany({
      where: { orgId: member.orgId },
      select: { id: true, name: true, frozen: true, _count: { select: { agents: true } } },
      orderBy: { name: "asc" },
    }),
  ]);
  return {
    agents: agents.map((a) => ({
      id: a.id,
      name: a.name,
      status: a.status,
      environment: a.environment.name,
    })),
    environments: environments.map((e) => ({
      id: e.id,
      name: e.name,
      frozen: e.frozen,
      agents: e._count.agents,
    })),
  };
}

/** Find a switch target by name, for the command line. */
export async function findTargetByName(
  db: DbOrTx,
  orgId: string,
  scope: "AGENT" | "ENVIRONMENT",
  name: string,
): Promise<{ id: string; name: string } | null> {
  const where = { orgId, name };
  return scope === "AGENT"
    ? db.agent.findFirst({ where, select: { id: true, name: true } })
    : db.environment.findFirst({ where, select: { id: true, name: true } });
}
