import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestOrg, rand, type TestOrg } from "@/test/factories";
import { memberContext, type ChangeContext } from "../agents/change-context";
import { registerAgent } from "../agents/register-agent";
import { AppError } from "../errors";
import { credentialState } from "./credential-state";
import { issueCredential } from "./issue-credential";
import { listCredentials } from "./list-credentials";
import { revokeCredential } from "./revoke-credential";
import { rotateCredential } from "./rotate-credential";
import { credentialPrefix, hashCredentialSecret } from "./secret";

async function setup() {
  const org = await createTestOrg();
  const ctx: ChangeContext = memberContext({ ...org.owner, orgId: org.id });
  const agent = await db.$transaction((tx) =>
    registerAgent(tx, ctx, { name: `bot-${rand()}`, environmentId: org.env.dev, autonomy: 2 }),
  );
  const issue = (input: { label?: string; expiresAt?: Date | null } = {}) =>
    db.$transaction((tx) => issueCredential(tx, { ...ctx, agentId: agent.id, ...input }));
  const rotate = (credentialId: string, graceSeconds: number, compromised?: boolean) =>
    db.$transaction((tx) => rotateCredential(tx, { ...ctx, credentialId, graceSeconds, compromised }));
  return { org, ctx, agent, issue, rotate };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const stored = (id: string) =>
  db.credential.findUniqueOrThrow({ where: { id }, omit: { secretHash: false } });
const auditFor = (org: TestOrg, targetId: string) =>
  db.auditEvent.findMany({ where: { orgId: org.id, targetId }, orderBy: { seq: "asc" } });

describe("issueCredential", () => {
  it("returns the secret once, stores only its hash, and keeps both out of the audit trail", async () => {
    const { org, agent, issue } = await setup();
    const version = (await db.organization.findUniqueOrThrow({ where: { id: org.id } })).policyVersion;
    const { credential, secret } = await issue({ label: "ci runner" });

    expect(credentialPrefix(secret)).toBe(credential.prefix);
    expect(credential).toMatchObject({
      label: "ci runner",
      expiresAt: null,
      masked: `wdn_${credential.prefix}_••••••••`,
    });
    const row = await stored(credential.id);
    expect(row.secretHash).toBe(hashCredentialSecret(secret));
    expect(row.agentId).toBe(agent.id);

    const [event] = await auditFor(org, credential.id);
    expect(event).toMatchObject({
      action: "credential.issued",
      after: { agentId: agent.id, prefix: credential.prefix },
    });
    const recorded = JSON.stringify([event?.before, event?.after]);
    expect(recorded).not.toContain(secret);
    expect(recorded).not.toContain(row.secretHash);
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).policyVersion).toBe(
      version + 1,
    );

    const listed = await listCredentials(db, { ...org.owner, orgId: org.id }, { agentId: agent.id });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: credential.id, state: "active", label: "ci runner" });
    expect(JSON.stringify(listed)).not.toContain(row.secretHash);
  });

  it("refuses an expiry in the past", async () => {
    const { issue } = await setup();
    const error = await failure(issue({ expiresAt: new Date(Date.now() - 1000) }));
    expect(error).toMatchObject({ code: "INVALID_REQUEST", issues: [{ path: "expiresAt" }] });
  });

  it("can be called from the command line with only an actor", async () => {
    const { org, agent } = await setup();
    const cli: ChangeContext = { orgId: org.id, actor: { type: "CLI", id: null, label: "cli:ops" } };
    const expiresAt = new Date(Date.now() + 86_400_000);
    const { credential } = await db.$transaction((tx) =>
      issueCredential(tx, { ...cli, agentId: agent.id, label: "from cli", expiresAt }),
    );
    expect(credential.expiresAt?.getTime()).toBe(expiresAt.getTime());
    expect((await auditFor(org, credential.id))[0]).toMatchObject({
      actorType: "CLI",
      actorLabel: "cli:ops",
    });
  });
});

describe("rotateCredential", () => {
  it("keeps the old secret valid for the grace period and links it to its replacement", async () => {
    const { org, agent, issue, rotate } = await setup();
    const old = await issue({ label: "prod" });
    const before = Date.now();
    const rotated = await rotate(old.credential.id, 3600);

    expect(rotated.secret).not.toBe(old.secret);
    expect(rotated.credential.label).toBe("prod");
    const oldRow = await stored(old.credential.id);
    expect(oldRow.replacedById).toBe(rotated.credential.id);
    expect(oldRow.revokedAt).toBeNull();
    expect(oldRow.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(oldRow.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(credentialState(oldRow)).toBe("grace");
    expect(credentialState(await stored(rotated.credential.id))).toBe("active");

    const [event] = await auditFor(org, old.credential.id).then((events) => events.slice(1));
    expect(event).toMatchObject({
      action: "credential.rotated",
      before: { agentId: agent.id, replacedById: null },
      after: {
        replacedById: rotated.credential.id,
        graceSeconds: 3600,
        replacement: { credentialId: rotated.credential.id },
      },
    });
    const recorded = JSON.stringify([event?.before, event?.after]);
    expect(recorded).not.toContain(rotated.secret);
    expect(recorded).not.toContain(old.secret);

    // A credential in its grace period was already rotated: rotate its replacement instead.
    expect((await failure(rotate(old.credential.id, 60))).code).toBe("PRECONDITION_FAILED");
    const states = await listCredentials(db, { ...org.owner, orgId: org.id }, { agentId: agent.id });
    expect(Object.fromEntries(states.map((c) => [c.id, c.state]))).toEqual({
      [old.credential.id]: "grace",
      [rotated.credential.id]: "active",
    });
  });

  it("revokes the old secret at once with no grace, or when it is compromised", async () => {
    const { issue, rotate } = await setup();
    const noGrace = await issue();
    await rotate(noGrace.credential.id, 0);
    const noGraceRow = await stored(noGrace.credential.id);
    expect(noGraceRow.revokedAt).toBeInstanceOf(Date);
    expect(credentialState(noGraceRow)).toBe("revoked");

    const leaked = await issue();
    const replacement = await rotate(leaked.credential.id, 86_400, true);
    const leakedRow = await stored(leaked.credential.id);
    expect(leakedRow).toMatchObject({ replacedById: replacement.credential.id });
    expect(leakedRow.revokedReason).toMatch(/Compromised/);
    expect(credentialState(leakedRow)).toBe("revoked");
  });

  it("never extends the old secret beyond its own expiry, and gives the new one the same lifetime", async () => {
    const { issue, rotate } = await setup();
    const soon = new Date(Date.now() + 600_000);
    const old = await issue({ expiresAt: soon });
    const lifetime = soon.getTime() - (await stored(old.credential.id)).createdAt.getTime();
    const rotated = await rotate(old.credential.id, 7 * 86_400);
    expect((await stored(old.credential.id)).expiresAt?.getTime()).toBe(soon.getTime());
    const newExpiry =
      rotated.credential.expiresAt!.getTime() - (await stored(rotated.credential.id)).createdAt.getTime();
    expect(Math.abs(newExpiry - lifetime)).toBeLessThan(5_000);
  });

  it("refuses revoked and expired credentials, and out-of-range grace periods", async () => {
    const { ctx, issue, rotate } = await setup();
    const revoked = await issue();
    await db.$transaction((tx) =>
      revokeCredential(tx, { ...ctx, credentialId: revoked.credential.id, reason: "Leaked" }),
    );
    expect(await failure(rotate(revoked.credential.id, 60))).toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/revoked/) as string,
    });

    const expired = await issue();
    await db.credential.update({
      where: { id: expired.credential.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await failure(rotate(expired.credential.id, 60))).toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/expired/) as string,
    });

    const active = await issue();
    expect(await failure(rotate(active.credential.id, 604_801))).toMatchObject({
      code: "INVALID_REQUEST",
      issues: [{ path: "graceSeconds" }],
    });
  });
});

describe("revokeCredential", () => {
  it("revokes now, ends a grace period early, and refuses to revoke twice", async () => {
    const { org, ctx, agent, issue, rotate } = await setup();
    const old = await issue();
    await rotate(old.credential.id, 3600);
    const revoked = await db.$transaction((tx) =>
      revokeCredential(tx, { ...ctx, credentialId: old.credential.id, reason: "Rollout finished" }),
    );
    expect(revoked).toMatchObject({ revokedReason: "Rollout finished" });
    expect(credentialState(revoked)).toBe("revoked");
    expect((await auditFor(org, old.credential.id)).at(-1)).toMatchObject({
      action: "credential.revoked",
      before: { agentId: agent.id, revokedAt: null },
      after: { agentId: agent.id, revokedReason: "Rollout finished" },
    });

    const twice = await failure(
      db.$transaction((tx) =>
        revokeCredential(tx, { ...ctx, credentialId: old.credential.id, reason: "again" }),
      ),
    );
    expect(twice.code).toBe("PRECONDITION_FAILED");
  });

  it("does not find another org's credential", async () => {
    const { issue } = await setup();
    const { credential } = await issue();
    const stranger = await setup();
    const error = await failure(
      db.$transaction((tx) =>
        revokeCredential(tx, { ...stranger.ctx, credentialId: credential.id, reason: "x" }),
      ),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect((await stored(credential.id)).revokedAt).toBeNull();
  });
});
