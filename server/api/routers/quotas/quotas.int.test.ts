import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { windowKey } from "@/server/domain/quotas/window-key";
import { callerAs, createTestOrg, type TestOrg } from "@/test/factories";
import { auditOf, failureOf, makeAgent, policyVersion } from "../scopes-test-helpers";

let org: TestOrg;
beforeAll(async () => {
  org = await createTestOrg();
});

describe("quotas", () => {
  it("upserts one quota per metric and window, with audit and policy bumps", async () => {
    const agent = await makeAgent(org);
    const owner = callerAs(org.owner, org.id);
    const v0 = await policyVersion(org.id);

    const { id } = await owner.quotas.upsert({
      agentId: agent.id,
      metric: "writes",
      window: "day",
      limit: 20,
    });
    const again = await owner.quotas.upsert({
      agentId: agent.id,
      metric: "writes",
      window: "day",
      limit: 1e12,
    });
    expect(again.id).toBe(id);
    // Setting the same limit again is not a change.
    await owner.quotas.upsert({ agentId: agent.id, metric: "writes", window: "day", limit: 1e12 });
    expect(await policyVersion(org.id)).toBe(v0 + 2);

    const list = await owner.quotas.list({ agentId: agent.id });
    expect(list).toEqual([{ id, metric: "writes", window: "day", limit: 1e12, used: 0 }]);

    await owner.quotas.delete({ id });
    expect(await owner.quotas.list({ agentId: agent.id })).toEqual([]);
    expect(await policyVersion(org.id)).toBe(v0 + 3);

    const audit = await auditOf(org.id, id);
    expect(audit.map((a) => a.action)).toEqual(["quota.created", "quota.updated", "quota.deleted"]);
    expect(audit[1]).toMatchObject({
      before: { agentId: agent.id, metric: "writes", window: "day", limit: 20 },
      after: { agentId: agent.id, limit: 1e12 },
    });
    expect(audit[2]).toMatchObject({ before: { agentId: agent.id }, after: null });
  });

  it("reports the current window's usage", async () => {
    const agent = await makeAgent(org);
    const admin = callerAs(org.admin, org.id);
    for (const [metric, window] of [
      ["calls", "run"],
      ["calls", "hour"],
      ["writes", "day"],
      ["tokens", "day"],
    ] as const) {
      await admin.quotas.upsert({ agentId: agent.id, metric, window, limit: 100 });
    }
    const now = new Date();
    await db.quotaUsage.createMany({
      data: [
        {
          orgId: org.id,
          agentId: agent.id,
          metric: "calls",
          window: "hour",
          windowKey: windowKey("hour", now),
          used: 7n,
        },
        {
          orgId: org.id,
          agentId: agent.id,
          metric: "writes",
          window: "day",
          windowKey: windowKey("day", now),
          used: 3n,
        },
        // An earlier day's usage does not count.
        {
          orgId: org.id,
          agentId: agent.id,
          metric: "tokens",
          window: "day",
          windowKey: "2000-01-01",
          used: 99n,
        },
        { orgId: org.id, agentId: agent.id, metric: "calls", window: "run", windowKey: "run_x", used: 5n },
      ],
    });
    const used = Object.fromEntries(
      (await admin.quotas.list({ agentId: agent.id })).map((q) => [`${q.metric}/${q.window}`, q.used]),
    );
    expect(used).toEqual({ "calls/run": 0, "calls/hour": 7, "writes/day": 3, "tokens/day": 0 });
  });

  it("validates limits and refuses decommissioned or foreign agents", async () => {
    const agent = await makeAgent(org);
    const owner = callerAs(org.owner, org.id);
    for (const limit of [-1, 1.5, 1e12 + 1]) {
      expect(
        (await failureOf(owner.quotas.upsert({ agentId: agent.id, metric: "calls", window: "day", limit })))
          .code,
      ).toBe("BAD_REQUEST");
    }
    const { id } = await owner.quotas.upsert({ agentId: agent.id, metric: "calls", window: "day", limit: 0 });
    await db.agent.update({ where: { id: agent.id }, data: { status: "DECOMMISSIONED" } });
    const gone = await failureOf(
      owner.quotas.upsert({ agentId: agent.id, metric: "calls", window: "day", limit: 5 }),
    );
    expect(gone.code).toBe("PRECONDITION_FAILED");
    expect((await failureOf(owner.quotas.delete({ id }))).code).toBe("PRECONDITION_FAILED");

    const other = await createTestOrg();
    const stranger = callerAs(other.admin, other.id);
    expect((await failureOf(stranger.quotas.list({ agentId: agent.id }))).code).toBe("NOT_FOUND");
    expect((await failureOf(stranger.quotas.delete({ id }))).code).toBe("NOT_FOUND");
  });
});
