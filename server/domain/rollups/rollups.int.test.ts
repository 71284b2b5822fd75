import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestOrg } from "@/test/factories";
import { advanceRollups } from "./advance-rollups";
import { appendChainedDecisions } from "./append-chained-decisions";
import { appendDecisions, catchUp, createTestAgent, draft, testPool } from "./rollup-test-support";

const pools = [testPool(), testPool()];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

/** What the rollups should hold, computed straight from the decisions (what dashboards must never do). */
async function expectedFromDecisions(orgId: string, unit: "hour" | "minute") {
  return db.$queryRawUnsafe<
    {
      agent_id: string;
      bucket: Date;
      allows: number;
      denies: number;
      approvals: number;
      ops: Record<string, number>;
    }[]
  >(
    `SELECT agent_id, bucket, allows, denies, approvals, ops FROM (
       SELECT agent_id, date_trunc('${unit}', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS bucket,
              count(*) FILTER (WHERE outcome = 'ALLOW')::int AS allows,
              count(*) FILTER (WHERE outcome = 'DENY')::int AS denies,
              count(*) FILTER (WHERE outcome = 'REQUIRE_APPROVAL')::int AS approvals
       FROM decisions WHERE org_id = $1 GROUP BY 1, 2) t
     JOIN LATERAL (
       SELECT jsonb_object_agg(op, n) AS ops FROM (
         SELECT tool || ':' || operation AS op, count(*)::int AS n FROM decisions d
         WHERE d.org_id = $1 AND d.agent_id = t.agent_id
           AND date_trunc('${unit}', d.created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' = t.bucket GROUP BY 1) o
     ) o ON true
     ORDER BY agent_id, bucket`,
    orgId,
  );
}

async function rollupsOf(orgId: string, granularity: "HOUR" | "MINUTE") {
  const rows = await db.agentRollup.findMany({
    where: { orgId, granularity },
    orderBy: [{ agentId: "asc" }, { bucketStart: "asc" }],
  });
  return rows
    .filter((r) => r.allows + r.denies + r.approvalsRequired > 0)
    .map((r) => ({
      agent_id: r.agentId,
      bucket: r.bucketStart,
      allows: r.allows,
      denies: r.denies,
      approvals: r.approvalsRequired,
      ops: r.byOperation,
    }));
}

describe("rollup job", () => {
  it("counts every decision exactly once while batches commit concurrently, out of order, on two instances", async () => {
    const org = await createTestOrg();
    const agents = await Promise.all(
      [0, 1, 2].map(() => createTestAgent(org.id, org.owner.id, org.env.prod)),
    );
    const now = Date.now();
    let running = true;
    // Two "instances" run the job continuously while the writers commit.
    const jobs = pools.map(async (pool) => {
      while (running) {
        await advanceRollups(pool, { stepSize: 37, maxSteps: 5 });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });
    const ops = ["pulls.list", "pulls.merge", "issues.comment"];
    const outcomes = ["ALLOW", "DENY", "REQUIRE_APPROVAL"] as const;
    const writers = [0, 1, 2, 3].map(async (w) => {
      for (let round = 0; round < 6; round++) {
        const drafts = Array.from({ length: 40 }, (_, i) =>
          draft(
            org.id,
            agents[(i + w) % 3]!.id,
            new Date(now - ((i * 7919 + round * 104729 + w * 31) % (3 * 3_600_000))),
            {
              operation: ops[(i + round) % 3]!,
              outcome: outcomes[(i * 5 + w) % 3]!,
              resource: `repo:acme/r${(i + w) % 9}`,
            },
          ),
        );
        if (w === 3) {
          // A batch stamped earlier than rows other writers commit meanwhile (a slow group commit).
          await db.$transaction(async (tx) => {
            await appendChainedDecisions(tx, org.id, `writer-${w}`, drafts);
            await tx.$executeRaw`SELECT pg_sleep(0.15)`;
          });
        } else {
          await appendDecisions(org.id, `writer-${w}`, drafts);
        }
      }
    });
    await Promise.all(writers);
    running = false;
    await Promise.all(jobs);
    await catchUp(pools[0]!);

    const total = await db.decision.count({ where: { orgId: org.id } });
    expect(total).toBe(4 * 6 * 40);
    const hours = await rollupsOf(org.id, "HOUR");
    expect(hours).toEqual(await expectedFromDecisions(org.id, "hour"));
    expect(await rollupsOf(org.id, "MINUTE")).toEqual(await expectedFromDecisions(org.id, "minute"));
    expect(hours.reduce((s, r) => s + r.allows + r.denies + r.approvals, 0)).toBe(total);

    // Resources seen for the first time are recorded once per agent and counted in their hour.
    const seen = await db.seenResource.count({ where: { orgId: org.id } });
    const agg = await db.agentRollup.aggregate({
      where: { orgId: org.id, granularity: "HOUR" },
      _sum: { newResources: true },
    });
    expect(agg._sum.newResources).toBe(seen);
    expect(seen).toBe(9); // agent (i+w)%3 uses resources (i+w)%9: three each

    // Another pass changes nothing.
    await catchUp(pools[1]!);
    expect(await rollupsOf(org.id, "HOUR")).toEqual(hours);
  });

  it("recounts approvals granted and denied and runs started, idempotently", async () => {
    const org = await createTestOrg();
    const agent = await createTestAgent(org.id, org.owner.id, org.env.prod);
    const at = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 60_000);
    const approval = (status: "APPROVED" | "DENIED" | "CONSUMED" | "EXPIRED") => ({
      orgId: org.id,
      agentId: agent.id,
      actionHash: "h",
      action: {},
      ruleReason: "always",
      status,
      expiresAt: at,
      decidedAt: at,
    });
    await db.approval.createMany({
      data: [approval("APPROVED"), approval("CONSUMED"), approval("DENIED"), approval("EXPIRED")],
    });
    await db.run.createMany({
      data: [0, 1, 2].map(() => ({ orgId: org.id, agentId: agent.id, startedAt: at })),
    });
    await catchUp(pools[0]!);
    await catchUp(pools[1]!);
    const hour = await db.agentRollup.findUniqueOrThrow({
      where: {
        agentId_granularity_bucketStart: {
          agentId: agent.id,
          granularity: "HOUR",
          bucketStart: new Date(at.getTime() - 60_000),
        },
      },
    });
    expect([hour.approvalsGranted, hour.approvalsDenied, hour.runs]).toEqual([2, 1, 3]);
    const minute = await db.agentRollup.findUniqueOrThrow({
      where: {
        agentId_granularity_bucketStart: { agentId: agent.id, granularity: "MINUTE", bucketStart: at },
      },
    });
    expect([minute.approvalsGranted, minute.approvalsDenied, minute.runs]).toEqual([2, 1, 3]);
  });

  it("reports how current the rollups are", async () => {
    await catchUp(pools[0]!);
    const state = await db.rollupState.findUniqueOrThrow({ where: { id: "rollups" } });
    expect(Date.now() - state.caughtUpAt.getTime()).toBeLessThan(60_000);
  });
});
