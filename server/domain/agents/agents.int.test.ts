import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestOrg, rand, type TestMember, type TestOrg } from "@/test/factories";
import { AppError } from "../errors";
import { issueCredential } from "../credentials/issue-credential";
import { memberContext, type ChangeContext } from "./change-context";
import { decommissionAgent } from "./decommission-agent";
import { pauseAgent } from "./pause-agent";
import { registerAgent, type RegisterAgentInput } from "./register-agent";
import { resumeAgent } from "./resume-agent";
import { updateAgent } from "./update-agent";

const asMember = (org: TestOrg, member: TestMember): ChangeContext =>
  memberContext({ ...member, orgId: org.id });

function register(org: TestOrg, member: TestMember, input: Partial<RegisterAgentInput> = {}) {
  return db.$transaction((tx) =>
    registerAgent(tx, asMember(org, member), {
      name: `bot-${rand()}`,
      purpose: "Merges release pull requests",
      environmentId: org.env.dev,
      autonomy: 2,
      ...input,
    }),
  );
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const policyVersion = async (orgId: string) =>
  (await db.organization.findUniqueOrThrow({ where: { id: orgId } })).policyVersion;

const auditOf = (orgId: string, targetId: string) =>
  db.auditEvent.findMany({ where: { orgId, targetId }, orderBy: { seq: "asc" } });

describe("registerAgent", () => {
  it("creates the agent, its audit event and a policy bump together", async () => {
    const org = await createTestOrg();
    const versionBefore = await policyVersion(org.id);
    const agent = await register(org, org.owner, { name: "release-bot" });

    expect(agent).toMatchObject({
      name: "release-bot",
      ownerId: org.owner.id,
      status: "ACTIVE",
      autonomy: 2,
    });
    const events = await auditOf(org.id, agent.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "agent.created",
      targetType: "agent",
      actorType: "USER",
      actorId: org.owner.userId,
      actorLabel: org.owner.email,
      before: null,
      after: { agentId: agent.id, name: "release-bot", ownerId: org.owner.id, autonomy: 2, status: "ACTIVE" },
    });
    expect(await policyVersion(org.id)).toBe(versionBefore + 1);
  });

  it("writes the audit event in the change's transaction: a rollback removes both", async () => {
    const org = await createTestOrg();
    const name = `rolled-back-${rand()}`;
    await expect(
      db.$transaction(async (tx) => {
        await registerAgent(tx, asMember(org, org.owner), { name, environmentId: org.env.dev, autonomy: 1 });
        throw new Error("a later step of the same transaction failed");
      }),
    ).rejects.toThrow("a later step");
    expect(await db.agent.count({ where: { orgId: org.id, name } })).toBe(0);
    expect(await db.auditEvent.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("refuses a taken name, naming the field", async () => {
    const org = await createTestOrg();
    await register(org, org.owner, { name: "dup-bot" });
    const error = await failure(register(org, org.admin, { name: "dup-bot" }));
    expect(error.code).toBe("ALREADY_EXISTS");
    expect(error.issues).toEqual([{ path: "name", message: expect.stringContaining("dup-bot") as string }]);
  });

  it("validates the name, the autonomy level and the owner", async () => {
    const org = await createTestOrg();
    const badName = await failure(register(org, org.owner, { name: "Release Bot!" }));
    expect(badName.code).toBe("INVALID_REQUEST");
    expect(badName.issues[0]?.path).toBe("name");
    expect((await failure(register(org, org.owner, { autonomy: 4 }))).issues[0]?.path).toBe("autonomy");
    const auditorOwner = await failure(register(org, org.admin, { ownerId: org.auditor.id }));
    expect(auditorOwner).toMatchObject({ code: "INVALID_REQUEST", issues: [{ path: "ownerId" }] });
  });

  it("keeps sub-agents in their parent's org and environment", async () => {
    const org = await createTestOrg();
    const other = await createTestOrg();
    const parent = await register(org, org.owner, { environmentId: org.env.prod });

    const child = await register(org, org.owner, { environmentId: org.env.prod, parentId: parent.id });
    expect(child.parentId).toBe(parent.id);

    const wrongEnv = await failure(
      register(org, org.owner, { environmentId: org.env.dev, parentId: parent.id }),
    );
    expect(wrongEnv).toMatchObject({ code: "INVALID_REQUEST", issues: [{ path: "parentId" }] });
    const foreignParent = await failure(
      register(other, other.owner, { environmentId: other.env.prod, parentId: parent.id }),
    );
    expect(foreignParent).toMatchObject({ code: "NOT_FOUND", issues: [{ path: "parentId" }] });
    const foreignEnv = await failure(register(other, other.owner, { environmentId: org.env.dev }));
    expect(foreignEnv).toMatchObject({ code: "NOT_FOUND", issues: [{ path: "environmentId" }] });
    // Another owner cannot borrow this agent's scopes through a child of their own.
    expect(
      (await failure(register(org, org.otherOwner, { environmentId: org.env.prod, parentId: parent.id })))
        .code,
    ).toBe("FORBIDDEN");
  });

  it("keeps a sub-agent's autonomy at or below its parent's", async () => {
    const org = await createTestOrg();
    const parent = await register(org, org.owner, { autonomy: 1 });
    const above = await failure(register(org, org.owner, { autonomy: 3, parentId: parent.id }));
    expect(above).toMatchObject({ code: "INVALID_REQUEST", issues: [{ path: "autonomy" }] });
    expect(above.message).toContain(`${parent.name} is at level 1`);
    expect(await register(org, org.owner, { autonomy: 1, parentId: parent.id })).toMatchObject({
      autonomy: 1,
    });
    expect(await register(org, org.owner, { autonomy: 0, parentId: parent.id })).toMatchObject({
      autonomy: 0,
    });
  });

  it("works from the command line, where the owner must be named", async () => {
    const org = await createTestOrg();
    const cli: ChangeContext = { orgId: org.id, actor: { type: "CLI", id: null, label: "cli:root" } };
    const base = { name: `cli-${rand()}`, environmentId: org.env.staging, autonomy: 0 };
    expect((await failure(db.$transaction((tx) => registerAgent(tx, cli, base)))).issues[0]?.path).toBe(
      "ownerId",
    );
    const agent = await db.$transaction((tx) => registerAgent(tx, cli, { ...base, ownerId: org.owner.id }));
    expect((await auditOf(org.id, agent.id))[0]).toMatchObject({ actorType: "CLI", actorLabel: "cli:root" });
  });
});

describe("updateAgent", () => {
  it("records before and after, and skips the audit trail when nothing changed", async () => {
    const org = await createTestOrg();
    const agent = await register(org, org.owner, { autonomy: 1 });
    const ctx = asMember(org, org.admin);
    await db.$transaction((tx) =>
      updateAgent(tx, ctx, { id: agent.id, autonomy: 3, ownerId: org.otherOwner.id }),
    );
    await db.$transaction((tx) => updateAgent(tx, ctx, { id: agent.id, autonomy: 3 }));

    const events = await auditOf(org.id, agent.id);
    expect(events.map((e) => e.action)).toEqual(["agent.created", "agent.updated"]);
    expect(events[1]).toMatchObject({
      before: { autonomy: 1, ownerId: org.owner.id },
      after: { autonomy: 3, ownerId: org.otherOwner.id },
    });
  });

  it("never raises a sub-agent above its parent, and always lets levels go down", async () => {
    const org = await createTestOrg();
    const ctx = asMember(org, org.owner);
    const update = (id: string, autonomy: number) =>
      db.$transaction((tx) => updateAgent(tx, ctx, { id, autonomy }));
    const parent = await register(org, org.owner, { autonomy: 2 });
    const child = await register(org, org.owner, { autonomy: 1, parentId: parent.id });

    const above = await failure(update(child.id, 3));
    expect(above).toMatchObject({ code: "INVALID_REQUEST", issues: [{ path: "autonomy" }] });
    expect((await db.agent.findUniqueOrThrow({ where: { id: child.id } })).autonomy).toBe(1);
    expect(await update(child.id, 2)).toMatchObject({ autonomy: 2 });
    // Lowering the parent is never refused; /api/decide holds the child to the parent's level.
    expect(await update(parent.id, 0)).toMatchObject({ autonomy: 0 });
    expect(await update(child.id, 1)).toMatchObject({ autonomy: 1 });
    expect((await failure(update(child.id, 2))).issues[0]?.path).toBe("autonomy");
  });
});

describe("pause and resume", () => {
  it("move only between ACTIVE and PAUSED, with a reason", async () => {
    const org = await createTestOrg();
    const agent = await register(org, org.owner);
    const ctx = asMember(org, org.security);
    const paused = await db.$transaction((tx) =>
      pauseAgent(tx, ctx, { id: agent.id, reason: "Suspicious merges" }),
    );
    expect(paused).toMatchObject({ status: "PAUSED", statusReason: "Suspicious merges" });
    expect(paused.pausedAt).toBeInstanceOf(Date);

    const again = await failure(
      db.$transaction((tx) => pauseAgent(tx, ctx, { id: agent.id, reason: "again" })),
    );
    expect(again.code).toBe("PRECONDITION_FAILED");

    const resumed = await db.$transaction((tx) =>
      resumeAgent(tx, ctx, { id: agent.id, reason: "Investigated" }),
    );
    expect(resumed).toMatchObject({ status: "ACTIVE", pausedAt: null });
    const notPaused = await failure(
      db.$transaction((tx) => resumeAgent(tx, ctx, { id: agent.id, reason: "x" })),
    );
    expect(notPaused.code).toBe("PRECONDITION_FAILED");
    expect(
      (await failure(db.$transaction((tx) => pauseAgent(tx, ctx, { id: agent.id, reason: " " })))).code,
    ).toBe("INVALID_REQUEST");

    const events = await auditOf(org.id, agent.id);
    expect(events.map((e) => e.action)).toEqual(["agent.created", "agent.paused", "agent.resumed"]);
    expect(events[1]).toMatchObject({
      before: { status: "ACTIVE" },
      after: { status: "PAUSED", statusReason: "Suspicious merges" },
    });
  });
});

describe("decommissionAgent", () => {
  async function agentWithHistory(org: TestOrg) {
    const agent = await register(org, org.owner);
    const ctx = asMember(org, org.owner);
    const first = await db.$transaction((tx) =>
      issueCredential(tx, { ...ctx, agentId: agent.id, label: "ci" }),
    );
    const second = await db.$transaction((tx) => issueCredential(tx, { ...ctx, agentId: agent.id }));
    const approval = (status: "PENDING" | "APPROVED") => ({
      orgId: org.id,
      agentId: agent.id,
      actionHash: rand(32),
      action: { tool: "github", operation: "pulls.merge" },
      ruleReason: "Grant requires approval",
      status,
      expiresAt: new Date(Date.now() + 600_000),
    });
    const pending = await db.approval.create({ data: approval("PENDING") });
    const approved = await db.approval.create({ data: approval("APPROVED") });
    return { agent, credentialIds: [first.credential.id, second.credential.id], pending, approved };
  }

  it("revokes credentials, cancels pending approvals, keeps every row and records it all", async () => {
    const org = await createTestOrg();
    const { agent, credentialIds, pending, approved } = await agentWithHistory(org);
    const ctx = asMember(org, org.owner);
    const result = await db.$transaction((tx) =>
      decommissionAgent(tx, ctx, {
        id: agent.id,
        reason: "Replaced by release-bot-2",
        confirmName: agent.name,
      }),
    );

    expect(result.agent).toMatchObject({
      status: "DECOMMISSIONED",
      statusReason: "Replaced by release-bot-2",
    });
    expect(result.agent.decommissionedAt).toBeInstanceOf(Date);
    const credentials = await db.credential.findMany({ where: { agentId: agent.id } });
    expect(credentials).toHaveLength(2);
    for (const credential of credentials) {
      expect(credential.revokedAt).toBeInstanceOf(Date);
      expect(credential.revokedReason).toContain("Replaced by release-bot-2");
    }
    expect(await db.approval.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      status: "CANCELLED",
    });
    expect(await db.approval.findUniqueOrThrow({ where: { id: approved.id } })).toMatchObject({
      status: "APPROVED",
    });

    const event = (await auditOf(org.id, agent.id)).at(-1);
    expect(event).toMatchObject({
      action: "agent.decommissioned",
      before: { status: "ACTIVE" },
      after: { status: "DECOMMISSIONED", cancelledApprovalIds: [pending.id] },
    });
    expect(
      [...((event?.after as { revokedCredentialIds: string[] }).revokedCredentialIds ?? [])].sort(),
    ).toEqual([...credentialIds].sort());
  });

  it("is irreversible: every further change is refused with a sentence", async () => {
    const org = await createTestOrg();
    const agent = await register(org, org.owner);
    const ctx = asMember(org, org.admin);
    await db.$transaction((tx) =>
      decommissionAgent(tx, ctx, { id: agent.id, reason: "Retired", confirmName: agent.name }),
    );

    const attempts = [
      () => db.$transaction((tx) => updateAgent(tx, ctx, { id: agent.id, purpose: "new" })),
      () => db.$transaction((tx) => pauseAgent(tx, ctx, { id: agent.id, reason: "x" })),
      () => db.$transaction((tx) => resumeAgent(tx, ctx, { id: agent.id, reason: "x" })),
      () =>
        db.$transaction((tx) =>
          decommissionAgent(tx, ctx, { id: agent.id, reason: "x", confirmName: agent.name }),
        ),
      () => db.$transaction((tx) => issueCredential(tx, { ...ctx, agentId: agent.id })),
    ];
    for (const attempt of attempts) {
      const error = await failure(attempt());
      expect(error.code).toBe("PRECONDITION_FAILED");
      expect(error.message).toMatch(/decommissioned/);
    }
    expect(await db.agent.count({ where: { id: agent.id } })).toBe(1);
  });

  it("needs the agent's name typed to confirm", async () => {
    const org = await createTestOrg();
    const agent = await register(org, org.owner);
    const error = await failure(
      db.$transaction((tx) =>
        decommissionAgent(tx, asMember(org, org.owner), { id: agent.id, reason: "x", confirmName: "wrong" }),
      ),
    );
    expect(error).toMatchObject({ code: "INVALID_REQUEST", issues: [{ path: "confirmName" }] });
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).status).toBe("ACTIVE");
  });
});
