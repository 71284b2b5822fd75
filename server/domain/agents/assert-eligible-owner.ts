import type { DbOrTx } from "../../db";
import { fieldError } from "./agent-fields";

/** Owners answer for their agents, so an owner is a member of the org who can manage agents. */
export async function assertEligibleOwner(db: DbOrTx, orgId: string, ownerId: string): Promise<void> {
  const owner = await db.member.findFirst({ where: { id: ownerId, orgId }, select: { roles: true } });
  if (!owner) throw fieldError("NOT_FOUND", "ownerId", "That owner is not a member of this organization.");
  if (!owner.roles.some((role) => role === "OWNER" || role === "ADMIN")) {
    throw fieldError("INVALID_REQUEST", "ownerId", "An agent's owner must hold the Owner or Admin role.");
  }
}
