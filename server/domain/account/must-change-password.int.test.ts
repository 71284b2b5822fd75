// An invite's temporary password was seen by the admin: the invited person must choose their own
// before the console (any org procedure but "who am I") works for them.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { passwordSignIn, SignInThrottledError } from "@/server/auth/password-sign-in";
import { MAX_FAILURES } from "@/server/domain/auth/sign-in-throttle";
import { findSessionMember } from "@/server/domain/auth/find-session-member";
import { callerAs, createMember, createTestOrg } from "@/test/factories";
import { rand, type TestMember } from "@/test/factories";

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

async function invited() {
  const org = await createTestOrg();
  const email = `invited-${rand()}@test.warden`;
  const result = await callerAs(org.admin, org.id).members.invite({
    email,
    name: "Invited Person",
    roles: ["OWNER"],
  });
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const member: TestMember = { id: result.memberId, userId: user.id, email, roles: ["OWNER"] };
  return { org, member, temporaryPassword: result.temporaryPassword! };
}

describe("forced password change after an invite", () => {
  it("flags the invited account; procedures refuse until the password is changed", async () => {
    const { org, member, temporaryPassword } = await invited();
    expect(temporaryPassword).toEqual(expect.any(String));
    expect((await db.user.findUniqueOrThrow({ where: { id: member.userId } })).mustChangePassword).toBe(true);
    // The temporary password does sign in (the console then sends them to choose a password).
    expect(await passwordSignIn(db, { email: member.email, password: temporaryPassword })).toMatchObject({
      id: member.userId,
    });

    const caller = callerAs(member, org.id);
    const refused = await rejection(caller.agents.list({}));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(/Choose your own password/);
    expect((await rejection(caller.members.list())).code).toBe("PRECONDITION_FAILED");
    // Who they are still answers (the page needs it), and changing the password is allowed.
    expect((await caller.me.get()).user.id).toBe(member.userId);

    await caller.account.changePassword({
      currentPassword: temporaryPassword,
      newPassword: "my-own-password-1",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: member.userId } })).mustChangePassword).toBe(
      false,
    );
    await expect(caller.agents.list({})).resolves.toBeDefined();
  });

  it("a failed change (wrong temporary password) keeps the flag", async () => {
    const { org, member } = await invited();
    const caller = callerAs(member, org.id);
    await expect(
      caller.account.changePassword({
        currentPassword: "not-the-password",
        newPassword: "my-own-password-1",
      }),
    ).rejects.toThrow();
    expect((await db.user.findUniqueOrThrow({ where: { id: member.userId } })).mustChangePassword).toBe(true);
    expect((await rejection(caller.agents.list({}))).code).toBe("PRECONDITION_FAILED");
  });

  it("wrong current passwords count against the sign-in limit, so a session cannot guess it", async () => {
    const { org, member, temporaryPassword } = await invited();
    const caller = callerAs(member, org.id);
    const change = (currentPassword: string) =>
      rejection(caller.account.changePassword({ currentPassword, newPassword: "my-own-password-1" }));
    for (let i = 0; i < MAX_FAILURES; i++) expect((await change(`guess-${i}`)).code).toBe("BAD_REQUEST");
    const refused = await change(temporaryPassword);
    expect(refused.code).toBe("TOO_MANY_REQUESTS");
    expect(refused.message).toMatch(/Too many wrong passwords for this account\. Try again in 15 minute/);
    await expect(
      passwordSignIn(db, { email: member.email, password: temporaryPassword }),
    ).rejects.toBeInstanceOf(SignInThrottledError);
    expect((await db.user.findUniqueOrThrow({ where: { id: member.userId } })).mustChangePassword).toBe(true);
  });

  it("downloads refuse the temporary password too", async () => {
    const { org, member } = await invited();
    const user = { id: member.userId, email: member.email };
    await expect(findSessionMember(db, user, org.id)).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await db.user.update({ where: { id: member.userId }, data: { mustChangePassword: false } });
    await expect(findSessionMember(db, user, org.id)).resolves.toMatchObject({ orgId: org.id });
  });

  it("inviting someone who already has an account does not flag them", async () => {
    const org = await createTestOrg();
    const other = await createTestOrg();
    const existing = await createMember(other.id, ["AUDITOR"]);
    const result = await callerAs(org.admin, org.id).members.invite({
      email: existing.email,
      name: "Existing",
      roles: ["AUDITOR"],
    });
    expect(result.temporaryPassword).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: existing.userId } })).mustChangePassword).toBe(
      false,
    );
    await expect(callerAs(existing, org.id).agents.list({})).resolves.toBeDefined();
  });
});
