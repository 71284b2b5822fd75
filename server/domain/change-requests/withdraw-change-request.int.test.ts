// The requester (or an admin) withdraws a pending change request; nobody else may, and a withdrawn
// request can no longer be decided. Through the same tRPC procedures as the console.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { failureOf, policyVersion } from "@/server/api/routers/scopes-test-helpers";
import { callerAs, createTestOrg, rand, type TestOrg } from "@/test/factories";

let org: TestOrg;
beforeAll(async () => {
  org = await createTestOrg();
});

/** A production agent and a pending quota raise asked for by `requester`. */
async function pendingRequest(requester: TestOrg["owner"]) {
  const agent = await db.agent.create({
    data: { orgId: org.id, name: `bot-${rand()}`, ownerId: org.owner.id, environmentId: org.env.prod },
    select: { id: true },
  });
  const caller = callerAs(requester, org.id);
  const cap = { agentId: agent.id, metric: "calls" as const, window: "hour" as const };
  await caller.quotas.upsert({ ...cap, limit: 100 });
  const { signOff } = await caller.quotas.upsert({ ...cap, limit: 500 });
  expect(signOff).toBeTruthy();
  return { agentId: agent.id, id: signOff!.changeRequestId };
}

describe("withdrawing a change request", () => {
  it("lets the requester withdraw it, audited, and then nobody can decide it", async () => {
    const { id, agentId } = await pendingRequest(org.owner);
    const v0 = await policyVersion(org.id);

    const mine = await callerAs(org.owner, org.id).changeRequests.list({ agentId });
    expect(mine).toMatchObject([{ id, canWithdraw: true, canDecide: false }]);
    const forSecurity = await callerAs(org.security, org.id).changeRequests.list({ agentId });
    expect(forSecurity).toMatchObject([{ id, canWithdraw: false, canDecide: true }]);

    expect(await callerAs(org.owner, org.id).changeRequests.withdraw({ id })).toEqual({
      id,
      status: "CANCELLED",
    });
    expect(await db.changeRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "CANCELLED",
      decidedById: org.owner.id,
    });
    expect(await policyVersion(org.id)).toBe(v0);
    const quota = await db.quota.findFirstOrThrow({ where: { agentId } });
    expect(Number(quota.limit)).toBe(100);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { targetId: id, action: "change_request.withdrawn" },
    });
    expect(audit).toMatchObject({ actorLabel: org.owner.email });

    for (const decision of ["APPROVE", "REJECT"] as const) {
      const late = await failureOf(
        callerAs(org.security, org.id).changeRequests.decide({ id, decision, comment: "too late" }),
      );
      expect(late.code).toBe("CONFLICT");
    }
    const again = await failureOf(callerAs(org.owner, org.id).changeRequests.withdraw({ id }));
    expect(again.code).toBe("CONFLICT");
    const history = await callerAs(org.auditor, org.id).changeRequests.list({ agentId, state: "decided" });
    expect(history).toMatchObject([{ id, status: "CANCELLED", canWithdraw: false }]);
  });

  it("refuses everyone but the requester and admins (role matrix)", async () => {
    const { id } = await pendingRequest(org.owner);
    for (const member of [org.security, org.auditor, org.otherOwner]) {
      const denied = await failureOf(callerAs(member, org.id).changeRequests.withdraw({ id }));
      expect(denied.code).toBe("FORBIDDEN");
    }
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");

    await callerAs(org.admin, org.id).changeRequests.withdraw({ id });
    expect(await db.changeRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "CANCELLED",
      decidedById: org.admin.id,
    });
  });

  it("cannot withdraw a decided request, nor one of another org", async () => {
    const { id } = await pendingRequest(org.owner);
    await callerAs(org.security, org.id).changeRequests.decide({ id, decision: "REJECT", comment: "no" });
    const decided = await failureOf(callerAs(org.owner, org.id).changeRequests.withdraw({ id }));
    expect(decided.code).toBe("CONFLICT");

    const other = await createTestOrg();
    const foreign = await failureOf(callerAs(other.admin, other.id).changeRequests.withdraw({ id }));
    expect(foreign.code).toBe("NOT_FOUND");
  });
});
