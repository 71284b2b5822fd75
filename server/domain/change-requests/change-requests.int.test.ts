// Widening a production agent from the console becomes a change request that security approves
// (applying it) or rejects; narrowing applies at once. Through the same tRPC procedures as the console.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { failureOf, policyVersion } from "@/server/api/routers/scopes-test-helpers";
import { callerAs, createMember, createTestOrg, rand, type TestOrg } from "@/test/factories";
import { SIGN_OFF_MESSAGE } from "./change-request-payload";

let org: TestOrg;
beforeAll(async () => {
  org = await createTestOrg();
});

async function agentIn(environment: "dev" | "prod", autonomy = 1) {
  return db.agent.create({
    data: {
      orgId: org.id,
      name: `bot-${rand()}`,
      ownerId: org.owner.id,
      environmentId: org.env[environment],
      autonomy,
    },
    select: { id: true, name: true },
  });
}

const grantInput = (agentId: string) => ({
  agentId,
  operationPattern: "github:pulls.*",
  resourcePatterns: ["repo:acme/web"],
  approval: "never" as const,
  approvers: 1,
});

const pendingOf = (agentId: string) =>
  db.changeRequest.findMany({ where: { agentId, status: "PENDING" }, orderBy: { createdAt: "asc" } });

describe("widening a production agent", () => {
  it("turns a new grant into a change request, and applies it in dev", async () => {
    const prod = await agentIn("prod");
    const dev = await agentIn("dev");
    const owner = callerAs(org.owner, org.id);
    const v0 = await policyVersion(org.id);

    const result = await owner.grants.create(grantInput(prod.id));
    expect(result.signOff).toMatchObject({ message: SIGN_OFF_MESSAGE, changeRequestId: result.id });
    expect(await db.grant.count({ where: { agentId: prod.id } })).toBe(0);
    expect(await policyVersion(org.id)).toBe(v0);
    const [request] = await pendingOf(prod.id);
    expect(request).toMatchObject({
      kind: "grant.create",
      before: null,
      requestedById: org.owner.id,
      requestedByLabel: org.owner.email,
      summary: `add grant github:pulls.* on repo:acme/web to ${prod.name}`,
    });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: request!.id } });
    expect(audit).toMatchObject({ action: "change_request.created", actorLabel: org.owner.email });

    // The same save twice asks security once.
    expect((await owner.grants.create(grantInput(prod.id))).id).toBe(request!.id);
    expect(await pendingOf(prod.id)).toHaveLength(1);

    const direct = await owner.grants.create(grantInput(dev.id));
    expect(direct.signOff).toBeUndefined();
    expect(await db.grant.count({ where: { agentId: dev.id } })).toBe(1);
  });

  it("applies narrowing at once and defers raised caps, removed caps and higher autonomy", async () => {
    const prod = await agentIn("prod", 2);
    const owner = callerAs(org.owner, org.id);
    const grant = await db.grant.create({
      data: {
        orgId: org.id,
        agentId: prod.id,
        operationPattern: "github:pulls.*",
        resourcePatterns: ["repo:acme/*"],
      },
    });

    // Narrowing: approval always, a narrower resource, a new cap, a lower cap, a lower autonomy.
    expect((await owner.grants.update({ id: grant.id, approval: "always" })).signOff).toBeUndefined();
    expect(
      (await owner.grants.update({ id: grant.id, resourcePatterns: ["repo:acme/web"] })).signOff,
    ).toBeUndefined();
    const cap = { agentId: prod.id, metric: "writes" as const, window: "day" as const };
    const quota = await owner.quotas.upsert({ ...cap, limit: 20 });
    expect(quota.signOff).toBeUndefined();
    expect((await owner.quotas.upsert({ ...cap, limit: 10 })).signOff).toBeUndefined();
    expect((await owner.agents.update({ id: prod.id, autonomy: 1 })).signOff).toBeNull();
    expect(await db.grant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({
      approvalMode: "ALWAYS",
      resourcePatterns: ["repo:acme/web"],
    });
    expect(await pendingOf(prod.id)).toHaveLength(0);

    // Widening: looser approval, higher cap, removed cap, higher autonomy (purpose still applies).
    expect((await owner.grants.update({ id: grant.id, approval: "never" })).signOff).toBeDefined();
    expect((await owner.quotas.upsert({ ...cap, limit: 50 })).signOff).toBeDefined();
    expect((await owner.quotas.delete({ id: quota.id })).signOff).toBeDefined();
    const raised = await owner.agents.update({ id: prod.id, autonomy: 3, purpose: "ship releases" });
    expect(raised.signOff?.summary).toBe(`raise autonomy of ${prod.name}: 1 → 3`);

    expect(await db.agent.findUniqueOrThrow({ where: { id: prod.id } })).toMatchObject({
      autonomy: 1,
      purpose: "ship releases",
    });
    expect(Number((await db.quota.findUniqueOrThrow({ where: { id: quota.id } })).limit)).toBe(10);
    expect((await pendingOf(prod.id)).map((r) => r.kind)).toEqual([
      "grant.update",
      "quota.set",
      "quota.set",
      "agent.autonomy",
    ]);
  });
});

describe("deciding a change request", () => {
  it("applies on approval in one transaction, with audit and a policy bump", async () => {
    const prod = await agentIn("prod");
    const { id } = await callerAs(org.owner, org.id).grants.create(grantInput(prod.id));
    const v0 = await policyVersion(org.id);

    const decided = await callerAs(org.security, org.id).changeRequests.decide({
      id,
      decision: "APPROVE",
      comment: "ok for the release train",
    });
    expect(decided).toEqual({ id, status: "APPROVED" });
    const grants = await db.grant.findMany({ where: { agentId: prod.id } });
    expect(grants).toMatchObject([
      { operationPattern: "github:pulls.*", resourcePatterns: ["repo:acme/web"] },
    ]);
    expect(await policyVersion(org.id)).toBe(v0 + 1);
    expect(await db.changeRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "APPROVED",
      decidedById: org.security.id,
      comment: "ok for the release train",
    });
    const actions = await db.auditEvent.findMany({
      where: { orgId: org.id, OR: [{ targetId: id }, { targetId: grants[0]!.id }] },
      orderBy: { seq: "asc" },
      select: { action: true, actorLabel: true },
    });
    expect(actions).toEqual([
      { action: "change_request.created", actorLabel: org.owner.email },
      { action: "grant.created", actorLabel: org.security.email },
      { action: "change_request.approved", actorLabel: org.security.email },
    ]);

    // Decided once: a second decision is a conflict.
    const again = await failureOf(
      callerAs(org.security, org.id).changeRequests.decide({ id, decision: "REJECT", comment: "no" }),
    );
    expect(again.code).toBe("CONFLICT");
  });

  it("refuses the requester, other roles, and a change whose target moved meanwhile", async () => {
    const prod = await agentIn("prod");
    const secondSecurity = await createMember(org.id, ["SECURITY"], "security-two");
    const asRequester = callerAs(org.security, org.id);
    const cap = { agentId: prod.id, metric: "calls" as const, window: "hour" as const };
    await asRequester.quotas.upsert({ ...cap, limit: 100 });
    const { signOff } = await asRequester.quotas.upsert({ ...cap, limit: 500 });
    const id = signOff!.changeRequestId;

    const own = await failureOf(asRequester.changeRequests.decide({ id, decision: "APPROVE", comment: "" }));
    expect(own.code).toBe("FORBIDDEN");
    for (const role of ["admin", "owner", "auditor"] as const) {
      const denied = await failureOf(
        callerAs(org[role], org.id).changeRequests.decide({ id, decision: "APPROVE", comment: "" }),
      );
      expect(denied.code).toBe("FORBIDDEN");
    }
    const listed = await callerAs(org.auditor, org.id).changeRequests.list({ agentId: prod.id });
    expect(listed).toMatchObject([{ id, canDecide: false, change: { kind: "quota.set" } }]);
    const forSecond = await callerAs(secondSecurity, org.id).changeRequests.list({ agentId: prod.id });
    expect(forSecond[0]!.canDecide).toBe(true);

    // Someone lowers the cap meanwhile (narrowing applies at once): approving now would undo it.
    await callerAs(org.owner, org.id).quotas.upsert({ ...cap, limit: 50 });
    const conflict = await failureOf(
      callerAs(secondSecurity, org.id).changeRequests.decide({ id, decision: "APPROVE", comment: "" }),
    );
    expect(conflict.code).toBe("CONFLICT");
    const quota = await db.quota.findFirstOrThrow({ where: { agentId: prod.id } });
    expect(Number(quota.limit)).toBe(50);
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");

    const missingReason = await failureOf(
      callerAs(secondSecurity, org.id).changeRequests.decide({ id, decision: "REJECT", comment: " " }),
    );
    expect(missingReason.issues).toEqual([{ path: "comment", message: expect.any(String) as string }]);
    await callerAs(secondSecurity, org.id).changeRequests.decide({
      id,
      decision: "REJECT",
      comment: "stale, ask again",
    });
    expect(await db.changeRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "REJECTED",
      comment: "stale, ask again",
    });
    const history = await callerAs(org.owner, org.id).changeRequests.list({
      state: "decided",
      agentId: prod.id,
    });
    expect(history).toMatchObject([{ id, status: "REJECTED", decidedBy: secondSecurity.email }]);
  });

  it("keeps other orgs' requests out of sight", async () => {
    const other = await createTestOrg();
    const prod = await agentIn("prod");
    const { id } = await callerAs(org.owner, org.id).grants.create(grantInput(prod.id));
    const stranger = callerAs(other.security, other.id);
    expect(
      (await failureOf(stranger.changeRequests.decide({ id, decision: "APPROVE", comment: "" }))).code,
    ).toBe("NOT_FOUND");
    expect(await stranger.changeRequests.list({})).toEqual([]);
  });
});
