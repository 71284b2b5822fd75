import type { DbOrTx } from "../../db";
import { authorize, can, canManageAgent, type MemberContext } from "../auth/permissions";
import { notFound } from "../errors";
import { countActiveDescendants } from "./find-descendant-agents";

/** One agent of the member's org, with its place in the sub-agent tree. */
export async function getAgent(db: DbOrTx, member: MemberContext, input: { id: string }) {
  authorize(member, "org:read");
  const agent = await db.agent.findFirst({
    where: { id: input.id, orgId: member.orgId },
    select: {
      id: true,
      name: true,
      purpose: true,
      status: true,
      statusReason: true,
      autonomy: true,
      ownerId: true,
      createdAt: true,
      updatedAt: true,
      pausedAt: true,
      decommissionedAt: true,
      environment: { select: { id: true, name: true, isProduction: true, frozen: true } },
      owner: { select: { id: true, user: { select: { name: true, email: true } } } },
      parent: { select: { id: true, name: true } },
      children: { select: { id: true, name: true, status: true }, orderBy: { name: "asc" }, take: 200 },
    },
  });
  if (!agent) throw notFound("This agent");
  const { ownerId, owner, ...rest } = agent;
  // Decommissioning takes every sub-agent below along; the confirmation says how many.
  const activeDescendantCount =
    agent.status === "DECOMMISSIONED" ? 0 : await countActiveDescendants(db, member.orgId, agent.id);
  return {
    ...rest,
    owner: { id: owner.id, name: owner.user.name, email: owner.user.email },
    activeDescendantCount,
    // A decommissioned agent cannot be changed by anyone, so the console offers no changes.
    canManage: agent.status !== "DECOMMISSIONED" && canManageAgent(member, { ownerId }),
    canUseKillSwitch: agent.status !== "DECOMMISSIONED" && can(member, "killswitch:use"),
  };
}
