// Members: invitations, role changes and removal, with the guards that keep an org manageable
// (one admin at least) and its agents answerable (an owner for each agent in service).
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { memberContext, type ChangeContext } from "@/server/domain/agents/change-context";
import { decommissionAgent } from "@/server/domain/agents/decommission-agent";
import { registerAgent } from "@/server/domain/agents/register-agent";
import { verifyPassword } from "@/server/domain/auth/password";
import type { RoleName } from "@/server/domain/auth/permissions";
import { AppError } from "@/server/domain/errors";
import { inviteMember } from "@/server/domain/members/invite-member";
import { removeMember } from "@/server/domain/members/remove-member";
import { createTemporaryPassword } from "@/server/domain/members/temporary-password";
import { updateMemberRoles } from "@/server/domain/members/update-member-roles";
import { createMember, createTestOrg, rand, type TestMember, type TestOrg } from "@/test/factories";

let org: TestOrg;
let asAdmin: ChangeContext;
beforeEach(async () => {
  org = await createTestOrg();
  asAdmin = memberContext({ ...org.admin, orgId: org.id });
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

async function invite(email: string, roles: RoleName[], ctx = asAdmin) {
  const temporaryPassword = await createTemporaryPassword();
  return db.$transaction((tx) =>
    inviteMember(tx, ctx, { email, name: "Sam Example", roles, temporaryPassword }),
  );
}
const setRoles = (memberId: string, roles: RoleName[], ctx = asAdmin) =>
  db.$transaction((tx) => updateMemberRoles(tx, ctx, { memberId, roles }));
const remove = (memberId: string, ctx = asAdmin) =>
  db.$transaction((tx) => removeMember(tx, ctx, { memberId }));

async function agentOwnedBy(member: TestMember) {
  return db.$transaction((tx) =>
    registerAgent(tx, asAdmin, {
      name: `bot-${rand()}`,
      ownerId: member.id,
      environmentId: org.env.dev,
      autonomy: 1,
    }),
  );
}
const events = (targetId: string) =>
  db.auditEvent.findMany({ where: { orgId: org.id, targetId }, orderBy: { seq: "asc" } });

describe("inviteMember", () => {
  it("makes an account with a temporary password that signs in, and keeps only its hash", async () => {
    const email = `new-${rand()}@test.warden`;
    const result = await invite(email.toUpperCase(), ["OWNER", "AUDITOR", "OWNER"]);
    expect(result.temporaryPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const user = await db.user.findUniqueOrThrow({
      where: { email },
      select: { name: true, passwordHash: true },
    });
    expect(user.name).toBe("Sam Example");
    expect(await verifyPassword(result.temporaryPassword!, user.passwordHash)).toBe(true);
    expect(user.passwordHash).not.toContain(result.temporaryPassword);
    const member = await db.member.findUniqueOrThrow({ where: { id: result.memberId } });
    expect(member.roles).toEqual(["OWNER", "AUDITOR"]);

    const [event] = await events(result.memberId);
    expect(event).toMatchObject({ action: "member.invited", actorLabel: org.admin.email });
    expect(event!.after).toMatchObject({ email, roles: ["OWNER", "AUDITOR"], accountCreated: true });
    const [row] = await db.$queryRaw<
      { text: string }[]
    >`SELECT a::text AS text FROM audit_events a WHERE a.id = ${event!.id}`;
    const text = row!.text;
    expect(text).toContain(email);
    expect(text).not.toContain(result.temporaryPassword);
    expect(text).not.toContain(user.passwordHash);
  });

  it("adds a person who already has an account without touching their password or name", async () => {
    const other = await createTestOrg();
    await db.user.update({ where: { id: other.owner.userId }, data: { passwordHash: "kept-hash" } });
    const before = await db.user.findUniqueOrThrow({ where: { id: other.owner.userId } });

    const result = await invite(other.owner.email, ["SECURITY"]);
    expect(result.temporaryPassword).toBeNull();
    const after = await db.user.findUniqueOrThrow({
      where: { id: other.owner.userId },
      select: { name: true, passwordHash: true },
    });
    expect(after).toEqual({ name: before.name, passwordHash: "kept-hash" });
    expect(await db.member.count({ where: { userId: other.owner.userId } })).toBe(2);
    expect((await events(result.memberId))[0]!.after).toMatchObject({ accountCreated: false });
  });

  it("refuses someone who is already a member, on the e-mail field, whatever its case", async () => {
    const error = await failure(invite(org.security.email.toUpperCase(), ["AUDITOR"]));
    expect(error.code).toBe("ALREADY_EXISTS");
    expect(error.issues).toEqual([
      { path: "email", message: expect.stringContaining("already a member") as string },
    ]);
  });

  it("checks its fields and the caller's role", async () => {
    expect((await failure(invite("not-an-email", ["OWNER"]))).issues[0]?.path).toBe("email");
    expect((await failure(invite(`x-${rand()}@test.warden`, []))).issues[0]?.path).toBe("roles");
    const asSecurity = memberContext({ ...org.security, orgId: org.id });
    expect((await failure(invite(`x-${rand()}@test.warden`, ["OWNER"], asSecurity))).code).toBe("FORBIDDEN");
  });
});

describe("updateMemberRoles", () => {
  it("replaces the roles and records before and after; the same roles again change nothing", async () => {
    const result = await setRoles(org.auditor.id, ["SECURITY", "AUDITOR"]);
    expect(result.roles).toEqual(["SECURITY", "AUDITOR"]);
    await setRoles(org.auditor.id, ["AUDITOR", "SECURITY"]);
    const recorded = await events(org.auditor.id);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      action: "member.roles_changed",
      before: { roles: ["AUDITOR"] },
      after: { roles: ["SECURITY", "AUDITOR"] },
    });
  });

  it("keeps at least one admin", async () => {
    const error = await failure(setRoles(org.admin.id, ["SECURITY"]));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toContain("only admin");
    await setRoles(org.security.id, ["SECURITY", "ADMIN"]);
    await expect(setRoles(org.admin.id, ["SECURITY"])).resolves.toMatchObject({ roles: ["SECURITY"] });
  });

  it("lets only one of two admins demoting each other at the same time succeed", async () => {
    const second = await createMember(org.id, ["ADMIN"], "second-admin");
    const asSecond = memberContext({ ...second, orgId: org.id });
    const results = await Promise.allSettled([
      setRoles(second.id, ["AUDITOR"], asAdmin),
      setRoles(org.admin.id, ["AUDITOR"], asSecond),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.member.count({ where: { orgId: org.id, roles: { has: "ADMIN" } } })).toBe(1);
  });

  it("does not leave agents in service without an owner who may own them", async () => {
    await agentOwnedBy(org.owner);
    await agentOwnedBy(org.owner);
    const error = await failure(setRoles(org.owner.id, ["AUDITOR"]));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toContain("still owns 2 agents");
    // Admins may own agents too, so trading Owner for Admin keeps them answerable.
    await expect(setRoles(org.owner.id, ["ADMIN"])).resolves.toBeDefined();
  });

  it("lets go of an owner whose agents are all decommissioned", async () => {
    const agent = await agentOwnedBy(org.owner);
    await db.$transaction((tx) =>
      decommissionAgent(tx, asAdmin, { id: agent.id, reason: "retired", confirmName: agent.name }),
    );
    await expect(setRoles(org.owner.id, ["AUDITOR"])).resolves.toBeDefined();
  });

  it("does not find another org's members", async () => {
    const other = await createTestOrg();
    expect((await failure(setRoles(other.auditor.id, ["ADMIN"]))).code).toBe("NOT_FOUND");
  });
});

describe("removeMember", () => {
  it("takes every role away but keeps the account, their votes and their notes", async () => {
    const agent = await agentOwnedBy(org.owner);
    const approval = await db.approval.create({
      data: {
        orgId: org.id,
        agentId: agent.id,
        actionHash: "h".repeat(64),
        action: {},
        ruleReason: "test",
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
    await db.approvalVote.create({
      data: { orgId: org.id, approvalId: approval.id, memberId: org.security.id, vote: "APPROVE", shown: {} },
    });

    await remove(org.security.id);
    expect(await db.member.findUniqueOrThrow({ where: { id: org.security.id } })).toMatchObject({
      roles: [],
    });
    expect(await db.user.count({ where: { id: org.security.userId } })).toBe(1);
    expect(await db.approvalVote.count({ where: { memberId: org.security.id } })).toBe(1);
    expect((await events(org.security.id))[0]).toMatchObject({
      action: "member.removed",
      before: { roles: ["SECURITY"] },
      after: { roles: [] },
    });

    expect((await failure(remove(org.security.id))).code).toBe("PRECONDITION_FAILED");
    // Invited again, they get roles back on the same membership.
    const again = await invite(org.security.email, ["AUDITOR"]);
    expect(again).toEqual({ memberId: org.security.id, temporaryPassword: null });
  });

  it("keeps the last admin and the owner of agents in service", async () => {
    expect((await failure(remove(org.admin.id))).message).toContain("only admin");
    await agentOwnedBy(org.owner);
    const error = await failure(remove(org.owner.id));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toContain("still owns 1 agent.");
    expect(await db.member.findUniqueOrThrow({ where: { id: org.owner.id } })).toMatchObject({
      roles: ["OWNER"],
    });
  });
});
