import { db } from "../../../db";
import { authorize } from "../../../domain/auth/permissions";
import { orgProcedure } from "../../trpc";

/** The org's members and their roles. */
export const listMembersProcedure = orgProcedure.query(async ({ ctx }) => {
  authorize(ctx.member, "org:read");
  const members = await db.member.findMany({
    where: { orgId: ctx.member.orgId },
    select: { id: true, roles: true, createdAt: true, user: { select: { name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 200,
  });
  return members.map(({ user, ...member }) => ({
    id: member.id,
    name: user.name,
    email: user.email,
    roles: member.roles,
    createdAt: member.createdAt,
  }));
});
