import { db } from "../../../db";
import { authorize } from "../../../domain/auth/permissions";
import { orgProcedure } from "../../trpc";

/** Who is signed in, the selected org and their roles there, and the other orgs they belong to. */
export const getMe = orgProcedure.query(async ({ ctx }) => {
  authorize(ctx.member, "org:read");
  const memberships = await db.member.findMany({
    where: { userId: ctx.user.id, roles: { isEmpty: false } },
    select: { orgId: true, org: { select: { name: true, slug: true } } },
    orderBy: { createdAt: "asc" },
  });
  const org = memberships.find((m) => m.orgId === ctx.member.orgId)!.org;
  return {
    user: ctx.user,
    member: { id: ctx.member.id, roles: ctx.member.roles },
    org: { id: ctx.member.orgId, ...org },
    orgs: memberships.map((m) => ({ id: m.orgId, ...m.org })),
  };
});
