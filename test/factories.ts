// Real rows for integration tests. Every test makes its own org with random names, so tests
// never see each other's data and can run in parallel on one database.
import { randomBytes } from "node:crypto";
import { db } from "@/server/db";
import type { RoleName } from "@/server/domain/auth/permissions";
import { createCaller } from "@/server/api/root";

export const rand = (n = 6) => randomBytes(n).toString("hex");

export type TestMember = { id: string; userId: string; email: string; roles: RoleName[] };
export type TestOrg = {
  id: string;
  slug: string;
  env: { dev: string; staging: string; prod: string };
  admin: TestMember;
  security: TestMember;
  owner: TestMember;
  otherOwner: TestMember;
  auditor: TestMember;
};

export async function createMember(orgId: string, roles: RoleName[], label = roles.join("-").toLowerCase()) {
  const email = `${label}-${rand()}@test.warden`;
  const user = await db.user.create({ data: { email, name: `${label} ${rand(2)}` } });
  const member = await db.member.create({ data: { orgId, userId: user.id, roles } });
  return { id: member.id, userId: user.id, email, roles } satisfies TestMember;
}

export async function createTestOrg(): Promise<TestOrg> {
  const slug = `org-${rand()}`;
  const org = await db.organization.create({ data: { slug, name: `Test ${slug}` } });
  const [dev, staging, prod] = await Promise.all(
    (["dev", "staging", "prod"] as const).map((name) =>
      db.environment.create({ data: { orgId: org.id, name, isProduction: name === "prod" } }),
    ),
  );
  const [admin, security, owner, otherOwner, auditor] = await Promise.all([
    createMember(org.id, ["ADMIN"]),
    createMember(org.id, ["SECURITY"]),
    createMember(org.id, ["OWNER"]),
    createMember(org.id, ["OWNER"], "other-owner"),
    createMember(org.id, ["AUDITOR"]),
  ]);
  return {
    id: org.id,
    slug,
    env: { dev: dev!.id, staging: staging!.id, prod: prod!.id },
    admin,
    security,
    owner,
    otherOwner,
    auditor,
  };
}

/** A tRPC caller acting as a member, through the same procedures and checks as the console. */
export function callerAs(member: TestMember, orgId: string) {
  return createCaller({
    user: { id: member.userId, email: member.email, name: member.email },
    requestedOrgId: orgId,
  });
}
