// The kill switch through the console's procedures and the runtime API: every scope, cancelled
// approvals, revoked tokens, resume, and who may use it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import {
  code,
  createDecideOrg,
  decide,
  githubGrant,
  mergeRequest,
  seedAgent,
  startRuntime,
  type DecideOrg,
  type RunningRuntime,
} from "@/server/runtime/__tests__/runtime-harness";
import { callerAs } from "@/test/factories";
import { approvalIn, nextSecondAfter, pendingApproval, planIn, tokenFor } from "./killswitch-test-support";

let runtime: RunningRuntime;
beforeAll(async () => {
  runtime = await startRuntime();
});
afterAll(() => runtime.close());

/** The decide answer's code until it is `expected` (the switch reaches the cache via NOTIFY). */
async function eventually(bearer: string, expected: string): Promise<string | undefined> {
  let last: string | undefined;
  for (let i = 0; i < 100; i++) {
    last = code(await decide(runtime.url, bearer, mergeRequest()));
    if (last === expected) return last;
    await new Promise((r) => setTimeout(r, 20));
  }
  return last;
}

describe("agent scope", () => {
  let org: DecideOrg;
  beforeAll(async () => {
    org = await createDecideOrg();
  });

  it("pauses the agent, cancels its approvals only, revokes its tokens; resume restores but keeps them revoked", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    const bystander = await seedAgent(org, { grants: [githubGrant()] });
    const mine = await pendingApproval(org.id, agent.id);
    const theirs = await pendingApproval(org.id, bystander.id);
    const oldToken = await tokenFor(runtime.url, agent.secret);
    expect(code(await decide(runtime.url, oldToken, mergeRequest()))).toBe("ALLOWED_BY_GRANT");
    const versionBefore = (await db.organization.findUniqueOrThrow({ where: { id: org.id } })).policyVersion;

    const security = callerAs(org.security, org.id);
    const engaged = await security.killSwitch.engage({
      scope: "AGENT",
      targetId: agent.id,
      reason: "leaking data",
    });
    expect(engaged.cancelledApprovals).toBe(1);

    const row = await db.killSwitch.findUniqueOrThrow({ where: { id: engaged.id } });
    expect(row).toMatchObject({
      scope: "AGENT",
      targetId: agent.id,
      reason: "leaking data",
      engagedById: org.security.id,
    });
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).status).toBe("PAUSED");
    expect((await db.approval.findUniqueOrThrow({ where: { id: mine } })).status).toBe("CANCELLED");
    expect((await db.approval.findUniqueOrThrow({ where: { id: theirs } })).status).toBe("PENDING");
    const after = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(after.policyVersion).toBeGreaterThan(versionBefore);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, targetId: engaged.id } });
    expect(audit).toMatchObject({ action: "killswitch.engaged", actorLabel: org.security.email });
    expect(audit.after).toMatchObject({ cancelledApprovalIds: [mine], reason: "leaking data" });

    expect(await eventually(agent.secret, "AGENT_PAUSED")).toBe("AGENT_PAUSED");
    const revoked = await decide(runtime.url, oldToken, mergeRequest());
    expect(revoked.status).toBe(401);
    expect(code(revoked)).toBe("AUTHENTICATION_FAILED");
    expect(code(await decide(runtime.url, bystander.secret, mergeRequest()))).toBe("ALLOWED_BY_GRANT");

    await expect(security.killSwitch.release({ id: engaged.id, reason: "" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const released = await security.killSwitch.release({ id: engaged.id, reason: "contained, keys rotated" });
    expect(released.restored).toBe("agent active");
    const releasedRow = await db.killSwitch.findUniqueOrThrow({ where: { id: engaged.id } });
    expect(releasedRow).toMatchObject({
      releasedById: org.security.id,
      releaseReason: "contained, keys rotated",
    });
    expect(releasedRow.releasedAt).not.toBeNull();
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).status).toBe("ACTIVE");
    expect(
      await db.auditEvent.count({ where: { targetId: engaged.id, action: "killswitch.released" } }),
    ).toBe(1);

    expect(await eventually(agent.secret, "ALLOWED_BY_GRANT")).toBe("ALLOWED_BY_GRANT");
    expect((await decide(runtime.url, oldToken, mergeRequest())).status).toBe(401);
    await nextSecondAfter(row.engagedAt);
    const fresh = await tokenFor(runtime.url, agent.secret);
    expect(code(await decide(runtime.url, fresh, mergeRequest()))).toBe("ALLOWED_BY_GRANT");

    await expect(
      security.killSwitch.release({ id: engaged.id, reason: "again please" }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
  });

  it("refuses a second switch on the same target, and keeps an agent paused before the switch paused", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    await db.agent.update({
      where: { id: agent.id },
      data: { status: "PAUSED", statusReason: "maintenance" },
    });
    const admin = callerAs(org.admin, org.id);
    const first = await admin.killSwitch.engage({
      scope: "AGENT",
      targetId: agent.id,
      reason: "belt and braces",
    });
    await expect(
      admin.killSwitch.engage({ scope: "AGENT", targetId: agent.id, reason: "twice over" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const released = await admin.killSwitch.release({ id: first.id, reason: "done with it" });
    expect(released.restored).toBe("agent stays paused, as before the switch");
    const row = await db.agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect(row).toMatchObject({ status: "PAUSED", statusReason: "maintenance" });
  });

  it("a plain resume cannot undo an engaged switch; releasing the switch can", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    const security = callerAs(org.security, org.id);
    const engaged = await security.killSwitch.engage({
      scope: "AGENT",
      targetId: agent.id,
      reason: "suspicious",
    });
    await expect(security.agents.resume({ id: agent.id, reason: "looks fine" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).status).toBe("PAUSED");
    await security.killSwitch.release({ id: engaged.id, reason: "checked, false alarm" });
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).status).toBe("ACTIVE");
  });

  it("lists engaged switches for every role, with names in words", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    const engaged = await callerAs(org.security, org.id).killSwitch.engage({
      scope: "AGENT",
      targetId: agent.id,
      reason: "listing test",
    });
    const list = await callerAs(org.auditor, org.id).killSwitch.list();
    const shown = list.engaged.find((s) => s.id === engaged.id);
    expect(shown).toMatchObject({ scope: "AGENT", engagedBy: org.security.email, reason: "listing test" });
    expect(shown?.targetName).toMatch(/^agent-/);
  });
});

describe("environment and org scopes", () => {
  it("an environment switch stops the agents in it only, and cancels their approvals only", async () => {
    const org = await createDecideOrg();
    const inProd = await seedAgent(org, { env: "prod", grants: [githubGrant()] });
    const inDev = await seedAgent(org, { env: "dev", grants: [githubGrant()] });
    const prodApproval = await pendingApproval(org.id, inProd.id);
    const devApproval = await pendingApproval(org.id, inDev.id);
    const token = await tokenFor(runtime.url, inProd.secret);
    const devToken = await tokenFor(runtime.url, inDev.secret);
    const security = callerAs(org.security, org.id);
    const engaged = await security.killSwitch.engage({
      scope: "ENVIRONMENT",
      targetId: org.env.prod,
      reason: "prod incident",
    });
    expect(engaged.cancelledApprovals).toBe(1);
    expect((await db.approval.findUniqueOrThrow({ where: { id: prodApproval } })).status).toBe("CANCELLED");
    expect((await db.approval.findUniqueOrThrow({ where: { id: devApproval } })).status).toBe("PENDING");
    expect(await eventually(inProd.secret, "ENVIRONMENT_FROZEN")).toBe("ENVIRONMENT_FROZEN");
    expect((await decide(runtime.url, token, mergeRequest())).status).toBe(401);
    expect(code(await decide(runtime.url, devToken, mergeRequest()))).toBe("ALLOWED_BY_GRANT");
    await security.killSwitch.release({ id: engaged.id, reason: "prod is fine" });
    expect((await db.environment.findUniqueOrThrow({ where: { id: org.env.prod } })).frozen).toBe(false);
    expect(await eventually(inProd.secret, "ALLOWED_BY_GRANT")).toBe("ALLOWED_BY_GRANT");
  });

  it("an org switch stops every agent and revokes every token; resume unfreezes", async () => {
    const org = await createDecideOrg();
    const a = await seedAgent(org, { env: "dev", grants: [githubGrant()] });
    const b = await seedAgent(org, { env: "staging", grants: [githubGrant()] });
    const approval = await pendingApproval(org.id, b.id);
    const approved = await approvalIn(org.id, a.id, "APPROVED");
    const plan = await planIn(org.id, a.id, "APPROVED");
    const token = await tokenFor(runtime.url, b.secret);
    const admin = callerAs(org.admin, org.id);
    const engaged = await admin.killSwitch.engage({ scope: "ORG", reason: "all hands" });
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).frozen).toBe(true);
    expect((await db.approval.findUniqueOrThrow({ where: { id: approval } })).status).toBe("CANCELLED");
    expect((await db.approval.findUniqueOrThrow({ where: { id: approved } })).status).toBe("CANCELLED");
    expect((await db.plan.findUniqueOrThrow({ where: { id: plan } })).status).toBe("CANCELLED");
    expect(await eventually(a.secret, "ORG_FROZEN")).toBe("ORG_FROZEN");
    expect(code(await decide(runtime.url, b.secret, mergeRequest()))).toBe("ORG_FROZEN");
    expect(code(await decide(runtime.url, token, mergeRequest()))).toBe("AUTHENTICATION_FAILED");
    await admin.killSwitch.release({ id: engaged.id, reason: "all clear" });
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).frozen).toBe(false);
    expect(await eventually(a.secret, "ALLOWED_BY_GRANT")).toBe("ALLOWED_BY_GRANT");
    expect(code(await decide(runtime.url, token, mergeRequest()))).toBe("AUTHENTICATION_FAILED");
  });
});

describe("who may use it", () => {
  it("OWNER and AUDITOR are forbidden to engage, release or list targets; nothing changes", async () => {
    const org = await createDecideOrg();
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    const engaged = await callerAs(org.security, org.id).killSwitch.engage({
      scope: "AGENT",
      targetId: agent.id,
      reason: "role matrix",
    });
    for (const member of [org.owner, org.auditor]) {
      const caller = callerAs(member, org.id);
      await expect(caller.killSwitch.engage({ scope: "ORG", reason: "not allowed" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(
        caller.killSwitch.release({ id: engaged.id, reason: "not allowed" }),
      ).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(caller.killSwitch.targets()).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).frozen).toBe(false);
    expect((await db.killSwitch.findUniqueOrThrow({ where: { id: engaged.id } })).releasedAt).toBeNull();
  });

  it("a switch of another org is not found", async () => {
    const [mine, other] = await Promise.all([createDecideOrg(), createDecideOrg()]);
    const agent = await seedAgent(other, { grants: [githubGrant()] });
    await expect(
      callerAs(mine.security, mine.id).killSwitch.engage({
        scope: "AGENT",
        targetId: agent.id,
        reason: "cross org",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
