// The one-round-trip commit settles a batch on the state the previous batches left (quota usage,
// chain heads, open approval counts) and lets the database confirm it. These tests change that
// state behind the runtime's back, as another instance or a human would, and check that the
// answers stay exactly what a fresh read would give, and that the out-of-date guess is noticed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { verifyDecisionChain } from "@/server/domain/audit/verify-decision-chain";
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
} from "../__tests__/runtime-harness";

let runtime: RunningRuntime;
let org: DecideOrg;

beforeAll(async () => {
  runtime = await startRuntime();
  org = await createDecideOrg();
});
afterAll(() => runtime.close());

const stats = () => runtime.handler.runtime.committer.stats;

describe("the one-round-trip commit", () => {
  it("is used once the state is known, and every decision is chained", async () => {
    const agent = await seedAgent(org, {
      grants: [githubGrant()],
      quotas: [{ metric: "calls", window: "day", limit: 100 }],
    });
    const fastBefore = stats().fastBatches;
    for (let i = 0; i < 5; i++) {
      const answer = await decide(runtime.url, agent.secret, mergeRequest({ params: { number: i } }));
      expect(code(answer)).toBe("ALLOWED_BY_GRANT");
      expect(answer.body.quotas).toEqual([{ metric: "calls", window: "day", used: i + 1, limit: 100 }]);
    }
    expect(stats().fastBatches - fastBefore).toBeGreaterThanOrEqual(3);
    const chains = await verifyDecisionChain(db, org.id);
    expect(chains.every((c) => c.firstBreak === null)).toBe(true);
  });

  it("notices usage consumed elsewhere and answers from the real usage", async () => {
    const agent = await seedAgent(org, {
      grants: [githubGrant()],
      quotas: [{ metric: "calls", window: "day", limit: 5 }],
    });
    for (let i = 0; i < 2; i++)
      expect(code(await decide(runtime.url, agent.secret, mergeRequest()))).toBe("ALLOWED_BY_GRANT");
    // Another instance uses up the rest of the quota.
    await db.quotaUsage.updateMany({ where: { agentId: agent.id }, data: { used: 5n } });
    const staleBefore = stats().staleBatches;
    const answer = await decide(runtime.url, agent.secret, mergeRequest());
    expect(code(answer)).toBe("QUOTA_EXCEEDED");
    expect(answer.body.quotas).toEqual([{ metric: "calls", window: "day", used: 5, limit: 5 }]);
    expect(stats().staleBatches).toBe(staleBefore + 1);
    expect((await db.quotaUsage.findFirstOrThrow({ where: { agentId: agent.id } })).used).toBe(5n);
    // Usage given back elsewhere is seen as well.
    await db.quotaUsage.updateMany({ where: { agentId: agent.id }, data: { used: 4n } });
    expect(code(await decide(runtime.url, agent.secret, mergeRequest()))).toBe("ALLOWED_BY_GRANT");
    expect(code(await decide(runtime.url, agent.secret, mergeRequest()))).toBe("QUOTA_EXCEEDED");
  });

  it("notices approvals decided elsewhere and keeps the approval queue cap exact", async () => {
    const agent = await seedAgent(org, {
      grants: [githubGrant({ approvalMode: "ALWAYS" })],
      maxPendingApprovals: 2,
    });
    const ask = () => decide(runtime.url, agent.secret, mergeRequest());
    expect(code(await ask())).toBe("APPROVAL_REQUIRED");
    expect(code(await ask())).toBe("APPROVAL_REQUIRED");
    expect(code(await ask())).toBe("APPROVAL_QUEUE_FULL");
    // A person denies both: the queue is empty again, though this instance last saw it full.
    await db.approval.updateMany({ where: { agentId: agent.id }, data: { status: "DENIED" } });
    expect(code(await ask())).toBe("APPROVAL_REQUIRED");
    expect(code(await ask())).toBe("APPROVAL_REQUIRED");
    expect(code(await ask())).toBe("APPROVAL_QUEUE_FULL");
    expect(await db.approval.count({ where: { agentId: agent.id, status: "PENDING" } })).toBe(2);
  });

  it("replays a stored answer for a key it assumed new", async () => {
    const agent = await seedAgent(org, {
      grants: [githubGrant()],
      quotas: [{ metric: "calls", window: "day", limit: 100 }],
    });
    const first = await decide(runtime.url, agent.secret, mergeRequest({ idempotencyKey: "fast-1" }));
    const again = await decide(runtime.url, agent.secret, mergeRequest({ idempotencyKey: "fast-1" }));
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.decisionId).toBe(first.body.decisionId);
    const other = await decide(
      runtime.url,
      agent.secret,
      mergeRequest({ idempotencyKey: "fast-1", params: { number: 7 } }),
    );
    expect(code(other)).toBe("IDEMPOTENCY_CONFLICT");
    expect((await db.quotaUsage.findFirstOrThrow({ where: { agentId: agent.id } })).used).toBe(1n);
  });
});
