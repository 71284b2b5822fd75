import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "../db";
import type { RoleName } from "../domain/auth/permissions";
import { ORG_COOKIE } from "../api/context";
import { authOptions } from "./options";

/**
 * For server components of the console: the signed-in member of the selected org, or a redirect
 * to sign-in. Pages still fetch their data through tRPC procedures, which authorize again.
 */
export async function currentMember() {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  if (!userId) redirect("/signin");
  const requested = (await cookies()).get(ORG_COOKIE)?.value;
  const memberships = await db.member.findMany({
    where: { userId, roles: { isEmpty: false } },
    include: {
      org: { select: { id: true, name: true, slug: true } },
      user: { select: { name: true, email: true, mustChangePassword: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  const member = memberships.find((m) => m.orgId === requested) ?? memberships[0];
  if (!member) redirect("/signin?error=NotInvited");
  return {
    id: member.id,
    roles: member.roles as RoleName[],
    org: member.org,
    user: {
      id: userId,
      name: member.user.name,
      email: member.user.email,
      mustChangePassword: member.user.mustChangePassword,
    },
    orgs: memberships.map((m) => m.org),
  };
}
