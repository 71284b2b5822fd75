// Two runtime instances (two pools, two caches) on one database: quotas stay exact across them,
// idempotency holds across them, and a policy change made through the domain reaches both
// within a second — through LISTEN/NOTIFY, and through the version check alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { pauseAgent } from "@/server/domain/agents/pause-agent";
import { SYSTEM_ACTOR } from "@/server/domain/audit/write-audit-event";
import { windowKey } from "@/server/domain/quotas/window-key";
import {
  bump,
  code,
  createDecideOrg,
  decide,
  githubGrant,
  mergeRequest,
  seedAgent,
  startRuntime,
  type DecideOrg,
  type RunningRuntime,
} from "../__tests__/runtime-harness";

let a: RunningRuntime;
let b: RunningRuntime;
/** An instance that never hears NOTIFY: only its version check can tell it about changes. */
let deaf: RunningRuntime;
let org: DecideOrg;

beforeAll(async () => {
  [a, b, deaf] = await Promise.all([
    startRuntime(),
    startRuntime(),
    startRuntime({ listenConnectionString: null }),
  ]);
  org = await createDecideOrg();
});
afterAll(() => Promise.all([a.close(), b.close(), deaf.close()]));

async function msUntil(check: () => Promise<boolean>, limit = 3000): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > limit) throw new Error(`not within ${limit} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return performance.now() - started;
}

describe("quotas across instances", () => {
  it("50 concurrent requests racing for the last 7 units get exactly 7 allows", async () => {
    const agent = await seedAgent(org, {
      grants: [githubGrant()],
      quotas: [{ metric: "calls", window: "day", limit: 10 }],
    });
    await db.quotaUsage.create({
      data: {
        orgId: org.id,
        agentId: agent.id,
        metric: "calls",
        window: "day",
        windowKey: windowKey("day", new Date()),
        used: 3n,
      },
    });
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        decide(i % 2 ? a.url : b.url, agent.secret, mergeRequest({ params: { number: i } })),
      ),
    );
    expect(answers.every((x) => x.status === 200)).toBe(true);
    const allowed = answers.filter((x) => x.body.decision === "allow");
    expect(allowed).toHaveLength(7);
    expect(answers.filter((x) => code(x) === "QUOTA_EXCEEDED")).toHaveLength(43);
    const usage = await db.quotaUsage.findFirstOrThrow({ where: { agentId: agent.id } });
    expect(usage.used).toBe(10n);
    expect(await db.decision.count({ where: { agentId: agent.id, outcome: "ALLOW" } })).toBe(7);
    expect(await db.decision.count({ where: { agentId: agent.id } })).toBe(50);
  });

  it("a key used concurrently on two instances makes one decision", async () => {
    const agent = await seedAgent(org, {
      grants: [githubGrant()],
      quotas: [{ metric: "calls", window: "day", limit: 100 }],
    });
    const body = mergeRequest({ idempotencyKey: "two-instances" });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => decide(i % 2 ? a.url : b.url, agent.secret, body)),
    );
    expect(answers.every((x) => x.status === 200)).toBe(true);
    expect(new Set(answers.map((x) => x.body.decisionId)).size).toBe(1);
    expect(await db.decision.count({ where: { agentId: agent.id } })).toBe(1);
    expect((await db.quotaUsage.findFirstOrThrow({ where: { agentId: agent.id } })).used).toBe(1n);
  });
});

describe("policy changes reach every instance within a second", () => {
  it("a pause made through the domain", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    for (const instance of [a, b, deaf])
      expect(code(await decide(instance.url, agent.secret, mergeRequest()))).toBe("ALLOWED_BY_GRANT");
    await db.$transaction((tx) =>
      pauseAgent(tx, { orgId: org.id, actor: SYSTEM_ACTOR }, { id: agent.id, reason: "incident drill" }),
    );
    const paused = async (instance: RunningRuntime) =>
      code(await decide(instance.url, agent.secret, mergeRequest())) === "AGENT_PAUSED";
    const [viaNotify, viaVersionCheck] = await Promise.all([
      msUntil(() => paused(b)),
      msUntil(() => paused(deaf)),
    ]);
    expect(viaNotify).toBeLessThan(1000);
    expect(viaVersionCheck).toBeLessThan(1000);
  });

  it("a removed grant", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    for (const instance of [b, deaf])
      expect(code(await decide(instance.url, agent.secret, mergeRequest()))).toBe("ALLOWED_BY_GRANT");
    await db.grant.deleteMany({ where: { agentId: agent.id } });
    await bump(org.id);
    const denied = async (instance: RunningRuntime) =>
      code(await decide(instance.url, agent.secret, mergeRequest())) === "NO_MATCHING_GRANT";
    expect(await msUntil(() => denied(b))).toBeLessThan(1000);
    expect(await msUntil(() => denied(deaf))).toBeLessThan(1000);
  });

  it("the version check alone, with the instance busy", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    expect(code(await decide(deaf.url, agent.secret, mergeRequest()))).toBe("ALLOWED_BY_GRANT");
    await db.$transaction((tx) =>
      pauseAgent(tx, { orgId: org.id, actor: SYSTEM_ACTOR }, { id: agent.id, reason: "drill" }),
    );
    const changedAt = performance.now();
    // Keep the instance under load while waiting for it to notice.
    let lastAllowAt = changedAt;
    while (performance.now() - changedAt < 1500) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => decide(deaf.url, agent.secret, mergeRequest())),
      );
      if (answers.some((x) => x.body.decision === "allow")) lastAllowAt = performance.now();
    }
    expect(lastAllowAt - changedAt).toBeLessThan(1000);
  });
});
