import type { Tx } from "../../db";
import type { RoleName } from "../auth/permissions";
import { AppError } from "../errors";
import type { MemberRecord } from "./lock-member-for-change";
import { canOwnAgents } from "./member-fields";

/**
 * The guards every change to a member's roles passes (removal is a change to no roles):
 * - the org keeps at least one admin, or nobody could manage members again;
 * - agents in service keep an owner who may own them, or nobody answers for them.
 * Call under lockOrgMemberships, so that the counts cannot change before the write.
 */
export async function assertMembershipChangeAllowed(
  tx: Tx,
  member: MemberRecord,
  nextRoles: readonly RoleName[],
  change: "roles" | "removal",
): Promise<void> {
  const who = member.user.email;
  if (member.roles.includes("ADMIN") && !nextRoles.includes("ADMIN")) {
    const otherAdmins = await tx.member.count({
      where: { orgId: member.orgId, id: { not: member.id }, roles: { has: "ADMIN" } },
    });
    if (otherAdmins === 0) {
      throw new AppError(
        "PRECONDITION_FAILED",
        change === "removal"
          ? `${who} is the organization's only admin. Make someone else an admin before removing them.`
          : `${who} is the organization's only admin. Make someone else an admin before taking this role away.`,
      );
    }
  }

  if (canOwnAgents(member.roles) && !canOwnAgents(nextRoles)) {
    const ownedAgents = await tx.agent.count({
      where: { orgId: member.orgId, ownerId: member.id, status: { not: "DECOMMISSIONED" } },
    });
    if (ownedAgents > 0) {
      const agents = ownedAgents === 1 ? "1 agent" : `${ownedAgents} agents`;
      const what = change === "removal" ? "removing them" : "taking away their Owner role";
      throw new AppError(
        "PRECONDITION_FAILED",
        `${who} still owns ${agents}. Hand ${ownedAgents === 1 ? "it" : "them"} to another owner (or decommission ${ownedAgents === 1 ? "it" : "them"}) before ${what}.`,
      );
    }
  }
}
