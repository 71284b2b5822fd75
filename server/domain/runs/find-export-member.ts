import type { DbOrTx } from "../../db";
import type { MemberContext } from "../auth/permissions";
import { AppError } from "../errors";

/**
 * The member a route handler acts as: the signed-in user's membership in the org the console
 * selected (else their first), exactly as tRPC's orgProcedure resolves it. Removed members (no
 * roles) grant nothing, and neither does a session on an admin-set password. Route handlers then
 * authorize inside themselves, like procedures.
 */
export async function findExportMember(
  db: DbOrTx,
  user: { id: string; email: string } | null,
  requestedOrgId: string | null,
): Promise<MemberContext> {
  if (!user) throw new AppError("UNAUTHENTICATED", "Please sign in.");
  const memberships = await db.member.findMany({
    where: { userId: user.id, roles: { isEmpty: false } },
    select: { id: true, orgId: true, roles: true },
    orderBy: { createdAt: "asc" },
  });
  const membership = memberships.find((m) => m.orgId === requestedOrgId) ?? memberships[0];
  if (!membership) throw new AppError("FORBIDDEN", "You are not a member of any organization.");
  // As in orgProcedure: an admin-set (temporary) password opens nothing until it is replaced.
  const account = await db.user.findUnique({ where: { id: user.id }, select: { mustChangePassword: true } });
  if (account?.mustChangePassword) {
    throw new AppError(
      "PRECONDITION_FAILED",
      "Choose your own password first: the one you signed in with was set by an admin.",
    );
  }
  return {
    id: membership.id,
    orgId: membership.orgId,
    userId: user.id,
    email: user.email,
    roles: membership.roles,
  };
}
