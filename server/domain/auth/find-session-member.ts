import type { DbOrTx } from "../../db";
import { AppError } from "../errors";
import type { MemberContext } from "./permissions";

/**
 * The member a signed-in user acts as, for every tRPC procedure (orgProcedure) and route handler:
 * their membership in the org the console selected, else their first. Removed members (no roles)
 * grant nothing, and neither does a session on an admin-set password (an invite's temporary one,
 * which the admin saw) — except where `allowAdminSetPassword` (the "who am I" the page needs to
 * ask for a new one). Callers then authorize inside themselves.
 */
export async function findSessionMember(
  db: DbOrTx,
  user: { id: string; email: string } | null,
  requestedOrgId: string | null,
  options: { allowAdminSetPassword?: boolean } = {},
): Promise<MemberContext> {
  if (!user) throw new AppError("UNAUTHENTICATED", "Please sign in.");
  const memberships = await db.member.findMany({
    where: { userId: user.id, roles: { isEmpty: false } },
    select: { id: true, orgId: true, roles: true },
    orderBy: { createdAt: "asc" },
  });
  const membership = memberships.find((m) => m.orgId === requestedOrgId) ?? memberships[0];
  if (!membership) throw new AppError("FORBIDDEN", "You are not a member of any organization.");
  if (!options.allowAdminSetPassword) {
    const account = await db.user.findUnique({
      where: { id: user.id },
      select: { mustChangePassword: true },
    });
    if (account?.mustChangePassword) {
      throw new AppError(
        "PRECONDITION_FAILED",
        "Choose your own password first: the one you signed in with was set by an admin.",
      );
    }
  }
  return {
    id: membership.id,
    orgId: membership.orgId,
    userId: user.id,
    email: user.email,
    roles: membership.roles,
  };
}
