// Who may change members, roles and environments, proven per role through the same tRPC
// procedures the settings pages call; and the signed-in user's own password.
import { TRPCError } from "@trpc/server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { hashPassword, verifyPassword } from "@/server/domain/auth/password";
import { AppError } from "@/server/domain/errors";
import { callerAs, createMember, createTestOrg, rand, type TestOrg } from "@/test/factories";

type Caller = ReturnType<typeof callerAs>;
const ROLES = ["admin", "security", "owner", "otherOwner", "auditor"] as const;
type RoleKey = (typeof ROLES)[number];

let org: TestOrg;
beforeAll(async () => {
  org = await createTestOrg();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const caller = (role: RoleKey, inOrg: TestOrg = org) => callerAs(inOrg[role], inOrg.id);

async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

type Case = {
  name: string;
  prepare: () => Promise<string>;
  call: (c: Caller, id: string) => Promise<unknown>;
};

const CASES: Case[] = [
  {
    name: "members.invite",
    prepare: () => Promise.resolve(""),
    call: (c) =>
      c.members.invite({ email: `invitee-${rand()}@test.warden`, name: "Invitee", roles: ["AUDITOR"] }),
  },
  {
    name: "members.updateRoles",
    prepare: async () => (await createMember(org.id, ["AUDITOR"])).id,
    call: (c, memberId) => c.members.updateRoles({ memberId, roles: ["SECURITY", "AUDITOR"] }),
  },
  {
    name: "members.remove",
    prepare: async () => (await createMember(org.id, ["AUDITOR"])).id,
    call: (c, memberId) => c.members.remove({ memberId }),
  },
  {
    name: "environments.create",
    prepare: () => Promise.resolve(""),
    call: (c) => c.environments.create({ name: `env-${rand(3)}`, isProduction: false }),
  },
  {
    name: "environments.update",
    prepare: async () =>
      (await db.environment.create({ data: { orgId: org.id, name: `env-${rand(3)}`, isProduction: true } }))
        .id,
    call: (c, id) => c.environments.update({ id, isProduction: false }),
  },
];

const auditCount = () => db.auditEvent.count({ where: { orgId: org.id } });

describe.each(CASES)("$name", (testCase) => {
  it.each(ROLES)("%s", async (role) => {
    const prepared = await testCase.prepare();
    const eventsBefore = await auditCount();
    const attempt = testCase.call(caller(role), prepared);
    if (role === "admin") {
      await expect(attempt).resolves.toBeDefined();
      expect(await auditCount()).toBe(eventsBefore + 1);
    } else {
      expect((await failure(attempt)).code).toBe("FORBIDDEN");
      expect(await auditCount()).toBe(eventsBefore);
    }
  });
});

describe("the last admin", () => {
  it("can be neither demoted nor removed, until someone else is an admin", async () => {
    const own = await createTestOrg();
    const admin = caller("admin", own);
    for (const attempt of [
      () => admin.members.updateRoles({ memberId: own.admin.id, roles: ["AUDITOR"] }),
      () => admin.members.remove({ memberId: own.admin.id }),
    ]) {
      const error = await failure(attempt());
      expect(error.code).toBe("PRECONDITION_FAILED");
      expect(error.message).toContain("only admin");
    }
    await admin.members.updateRoles({ memberId: own.security.id, roles: ["SECURITY", "ADMIN"] });
    await expect(admin.members.remove({ memberId: own.admin.id })).resolves.toEqual({
      memberId: own.admin.id,
    });
    // Removed, the former admin keeps a membership that permits nothing.
    expect((await failure(caller("admin", own).members.list())).code).toBe("FORBIDDEN");
  });
});

describe("an invitation's temporary password", () => {
  it("signs in, is returned once, and is never written to the audit trail or the logs", async () => {
    const logged: unknown[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(...args));
    }
    const email = `temp-${rand()}@test.warden`;
    const { memberId, temporaryPassword } = await caller("admin").members.invite({
      email,
      name: "Temp Person",
      roles: ["OWNER"],
    });
    expect(temporaryPassword).toEqual(expect.any(String));
    expect(temporaryPassword!.length).toBeGreaterThanOrEqual(16);

    const user = await db.user.findUniqueOrThrow({
      where: { email },
      select: { id: true, passwordHash: true },
    });
    expect(await verifyPassword(temporaryPassword!, user.passwordHash)).toBe(true);
    const member = await db.member.findUniqueOrThrow({ where: { id: memberId } });
    const invitee = { id: memberId, userId: user.id, email, roles: member.roles };
    // Until they choose their own password (the admin saw this one), the console refuses them.
    const inviteeCaller = callerAs(invitee, org.id);
    expect((await failure(inviteeCaller.members.list())).code).toBe("PRECONDITION_FAILED");
    await inviteeCaller.account.changePassword({
      currentPassword: temporaryPassword!,
      newPassword: "chosen-by-the-invitee",
    });
    await expect(inviteeCaller.members.list()).resolves.toBeDefined();

    const leaks = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM audit_events a
      WHERE strpos(a::text, ${temporaryPassword!}) > 0 OR strpos(a::text, ${user.passwordHash!}) > 0`;
    expect(leaks[0]!.n).toBe(0);
    expect(JSON.stringify(logged)).not.toContain(temporaryPassword!);

    // Invited into a second org, the same person keeps their password and gets none new.
    const elsewhere = await createTestOrg();
    const again = await caller("admin", elsewhere).members.invite({
      email,
      name: "Temp Person",
      roles: ["AUDITOR"],
    });
    expect(again.temporaryPassword).toBeNull();
  });
});

describe("account.changePassword", () => {
  async function withPassword(role: RoleKey, password: string) {
    await db.user.update({
      where: { id: org[role].userId },
      data: { passwordHash: await hashPassword(password) },
    });
  }

  it.each(ROLES)("%s can change their own password, once they prove the current one", async (role) => {
    await withPassword(role, "current-password-1");
    const eventsBefore = await auditCount();
    await expect(
      caller(role).account.changePassword({
        currentPassword: "current-password-1",
        newPassword: "brand-new-password",
      }),
    ).resolves.toEqual({ changed: true });
    const user = await db.user.findUniqueOrThrow({
      where: { id: org[role].userId },
      select: { passwordHash: true },
    });
    expect(await verifyPassword("brand-new-password", user.passwordHash)).toBe(true);
    expect(await auditCount()).toBe(eventsBefore + 1);
    const [event] = await db.auditEvent.findMany({
      where: { orgId: org.id },
      orderBy: { seq: "desc" },
      take: 1,
    });
    expect(event).toMatchObject({
      action: "account.password_changed",
      actorId: org[role].userId,
      targetId: org[role].userId,
    });
    const [row] = await db.$queryRaw<
      { text: string }[]
    >`SELECT a::text AS text FROM audit_events a WHERE a.id = ${event!.id}`;
    for (const secret of ["brand-new-password", "current-password-1", user.passwordHash!])
      expect(row!.text).not.toContain(secret);
  });

  it("refuses a wrong current password on its field, and a weak new one on its own", async () => {
    await withPassword("owner", "current-password-2");
    const wrong = await failure(
      caller("owner").account.changePassword({
        currentPassword: "not-it-at-all",
        newPassword: "brand-new-password",
      }),
    );
    expect(wrong.code).toBe("BAD_REQUEST");
    expect(wrong.cause).toBeInstanceOf(AppError);
    expect((wrong.cause as AppError).code).toBe("INVALID_REQUEST");
    expect((wrong.cause as AppError).issues).toEqual([
      { path: "currentPassword", message: expect.any(String) as string },
    ]);

    const weak = await failure(
      caller("owner").account.changePassword({ currentPassword: "current-password-2", newPassword: "short" }),
    );
    expect((weak.cause as AppError).issues[0]?.path).toBe("newPassword");
    const user = await db.user.findUniqueOrThrow({
      where: { id: org.owner.userId },
      select: { passwordHash: true },
    });
    expect(await verifyPassword("current-password-2", user.passwordHash)).toBe(true);
  });

  it("tells someone who signs in through their identity provider that there is no password to change", async () => {
    const error = await failure(
      caller("auditor", await createTestOrg()).account.changePassword({
        currentPassword: "anything-at-all",
        newPassword: "brand-new-password",
      }),
    );
    expect((error.cause as AppError).issues[0]?.path).toBe("currentPassword");
    expect(error.message).toContain("identity provider");
  });
});
