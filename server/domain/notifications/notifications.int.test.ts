// The notification pipeline against a REAL local HTTP receiver (node:http, ephemeral port): the
// outbox, signatures, Slack's shape, retries with backoff, timeouts, environment filters, and two
// job instances that never deliver one event twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type pg from "pg";
import { db } from "@/server/db";
import { createPgPool } from "@/server/runtime/pg-pool";
import { callerAs, createTestOrg, rand, type TestOrg } from "@/test/factories";
import { NotificationWorker, type NotificationWorkerOptions } from "./notification-worker";
import { verifySignature } from "./sign-webhook";
import { startReceiver, type Receiver } from "./test-receiver";

let org: TestOrg;
let pool: pg.Pool;
const receivers: Receiver[] = [];
beforeAll(async () => {
  org = await createTestOrg();
  pool = createPgPool(process.env.DATABASE_URL!, 4);
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await pool.end();
});

const FAST: Partial<NotificationWorkerOptions> = {
  timeoutMs: 2_000,
  retry: { maxAttempts: 3, baseDelayMs: 30, maxDelayMs: 200 },
  lookbackMs: 60_000,
};

async function receiver(answer?: (n: number) => number | "hang") {
  const r = await startReceiver(answer);
  receivers.push(r);
  return r;
}

async function agentIn(environment: "dev" | "prod") {
  return db.agent.create({
    data: {
      orgId: org.id,
      name: `bot-${rand()}`,
      ownerId: org.owner.id,
      environmentId: org.env[environment],
    },
    select: { id: true, name: true },
  });
}

async function requestApproval(agentId: string) {
  return db.approval.create({
    data: {
      orgId: org.id,
      agentId,
      actionHash: rand(32),
      action: { tool: "github", operation: "pulls.merge", resource: "repo:acme/web", params: { number: 42 } },
      effect: "WRITE",
      ruleReason: "The grant asks for approval when number is 10 or more.",
      expiresAt: new Date(Date.now() + 600_000),
    },
  });
}

async function channel(kind: "SLACK" | "WEBHOOK", url: string, environmentId: string | null = null) {
  return callerAs(org.admin, org.id).notifications.create({
    kind,
    name: `#ch-${rand(3)}`,
    url,
    events: ["approval.requested", "approval.decided"],
    environmentId,
  });
}

async function deliveriesOf(channelId: string) {
  return db.notificationDelivery.findMany({ where: { channelId }, orderBy: { createdAt: "asc" } });
}

async function until(check: () => Promise<boolean>, worker: NotificationWorker, timeoutMs = 5_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    await worker.runOnce();
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("condition not reached in time");
}

describe("notifications", () => {
  it("delivers approval.requested and approval.decided to a webhook with a valid signature", async () => {
    const r = await receiver();
    const { id, signingSecret } = await channel("WEBHOOK", r.url);
    expect(signingSecret).toMatch(/^whsec_/);
    const agent = await agentIn("prod");
    const approval = await requestApproval(agent.id);
    const worker = new NotificationWorker(pool, FAST);
    await worker.runOnce();

    expect(r.received).toHaveLength(1);
    const [first] = r.received;
    const signature = String(first!.headers["warden-signature"]);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(signingSecret!, first!.body, signature)).toBe(true);
    expect(verifySignature(signingSecret!, first!.body.replace("42", "43"), signature)).toBe(false);
    expect(verifySignature("whsec_wrong", first!.body, signature)).toBe(false);
    const body = JSON.parse(first!.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: "approval.requested",
      agent: { name: agent.name },
      environment: { name: "prod", isProduction: true },
      approval: { id: approval.id, status: "PENDING", action: { params: { number: 42 } } },
    });
    expect(first!.headers["warden-delivery"]).toBe(body.id);

    await db.approval.update({
      where: { id: approval.id },
      data: { status: "APPROVED", decidedAt: new Date() },
    });
    await db.approvalVote.create({
      data: {
        orgId: org.id,
        approvalId: approval.id,
        memberId: org.security.id,
        vote: "APPROVE",
        comment: "fine",
        shown: {},
      },
    });
    await worker.runOnce();
    expect(r.received).toHaveLength(2);
    expect(JSON.parse(r.received[1]!.body)).toMatchObject({
      type: "approval.decided",
      approval: { status: "APPROVED" },
      votes: [{ vote: "APPROVE", by: org.security.email, comment: "fine" }],
    });
    expect((await deliveriesOf(id)).map((d) => d.status)).toEqual(["DELIVERED", "DELIVERED"]);

    // Running again sends nothing new: the watermark overlap re-reads, the unique key refuses.
    await worker.runOnce();
    expect(r.received).toHaveLength(2);
    await callerAs(org.admin, org.id).notifications.delete({ id });
  });

  it("posts Slack's { text, blocks } shape, unsigned", async () => {
    const r = await receiver();
    const { id, signingSecret } = await channel("SLACK", r.url);
    expect(signingSecret).toBeNull();
    const agent = await agentIn("prod");
    await requestApproval(agent.id);
    await new NotificationWorker(pool, FAST).runOnce();
    expect(r.received).toHaveLength(1);
    expect(r.received[0]!.headers["warden-signature"]).toBeUndefined();
    const message = JSON.parse(r.received[0]!.body) as { text: string; blocks: { type: string }[] };
    expect(Object.keys(message).sort()).toEqual(["blocks", "text"]);
    expect(message.text).toContain(
      `*${agent.name}* wants to \`github:pulls.merge on repo:acme/web\` in prod`,
    );
    expect(message.blocks.map((b) => b.type)).toEqual(["section", "section", "section", "context"]);
    await callerAs(org.admin, org.id).notifications.delete({ id });
  });

  it("retries after 500s with backoff, then succeeds; gives up after the last attempt", async () => {
    const flaky = await receiver((n) => (n < 2 ? 500 : 200));
    const { id } = await channel("WEBHOOK", flaky.url);
    const agent = await agentIn("prod");
    await requestApproval(agent.id);
    const worker = new NotificationWorker(pool, FAST);
    await until(async () => (await deliveriesOf(id))[0]?.status === "DELIVERED", worker);
    expect(flaky.received).toHaveLength(3);
    // Exponential: the second gap is at least the doubled base delay.
    expect(flaky.received[1]!.at - flaky.received[0]!.at).toBeGreaterThanOrEqual(30);
    expect(flaky.received[2]!.at - flaky.received[1]!.at).toBeGreaterThanOrEqual(60);
    expect((await deliveriesOf(id))[0]).toMatchObject({ attempts: 3, lastError: null });
    await callerAs(org.admin, org.id).notifications.delete({ id });

    const broken = await receiver(() => 503);
    const second = await channel("WEBHOOK", broken.url);
    await requestApproval(agent.id);
    await until(async () => (await deliveriesOf(second.id))[0]?.status === "FAILED", worker);
    expect(broken.received).toHaveLength(3);
    expect((await deliveriesOf(second.id))[0]).toMatchObject({
      attempts: 3,
      lastError: "The receiver answered HTTP 503.",
    });
    await callerAs(org.admin, org.id).notifications.delete({ id: second.id });
  });

  it("times out a hanging receiver without holding anything the decision path needs", async () => {
    const hanging = await receiver(() => "hang");
    const { id } = await channel("WEBHOOK", hanging.url);
    const agent = await agentIn("prod");
    const approval = await requestApproval(agent.id);
    const worker = new NotificationWorker(pool, { ...FAST, timeoutMs: 400 });

    const started = Date.now();
    const round = worker.runOnce();
    // While the receiver hangs, deciding the approval (the decision path's write) is not held up.
    await new Promise((r) => setTimeout(r, 100));
    const writeStarted = Date.now();
    await db.approval.update({
      where: { id: approval.id },
      data: { status: "DENIED", decidedAt: new Date() },
    });
    expect(Date.now() - writeStarted).toBeLessThan(200);
    await round;
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(400);
    expect(took).toBeLessThan(2_000);
    const [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({ status: "PENDING", attempts: 1, lastError: "No answer within 0.4 s." });
    await callerAs(org.admin, org.id).notifications.delete({ id });
  });

  it("only notifies channels of the approval's environment (or of every environment)", async () => {
    const r = await receiver();
    const devOnly = await channel("WEBHOOK", `${r.url}?env=dev`, org.env.dev);
    const everywhere = await channel("WEBHOOK", `${r.url}?env=all`);
    await requestApproval((await agentIn("prod")).id);
    await requestApproval((await agentIn("dev")).id);
    await new NotificationWorker(pool, FAST).runOnce();
    const devEnvs = (await deliveriesOf(devOnly.id)).map(
      (d) => (d.payload as { environment: { name: string } }).environment.name,
    );
    const allEnvs = (await deliveriesOf(everywhere.id)).map(
      (d) => (d.payload as { environment: { name: string } }).environment.name,
    );
    expect(devEnvs).toEqual(["dev"]);
    expect(allEnvs.sort()).toEqual(["dev", "prod"]);
    expect(r.received).toHaveLength(3);
    await callerAs(org.admin, org.id).notifications.delete({ id: devOnly.id });
    await callerAs(org.admin, org.id).notifications.delete({ id: everywhere.id });
  });

  it("never delivers an event twice with two job instances running at once", async () => {
    const r = await receiver();
    const { id } = await channel("WEBHOOK", r.url);
    const agent = await agentIn("prod");
    const approvals = await Promise.all(Array.from({ length: 8 }, () => requestApproval(agent.id)));
    const otherPool = createPgPool(process.env.DATABASE_URL!, 4);
    try {
      const a = new NotificationWorker(pool, FAST);
      const b = new NotificationWorker(otherPool, FAST);
      await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
      await Promise.all([a.runOnce(), b.runOnce()]);
    } finally {
      await otherPool.end();
    }
    const ids = r.received.map((x) => (JSON.parse(x.body) as { approval: { id: string } }).approval.id);
    expect(ids.sort()).toEqual(approvals.map((a) => a.id).sort());
    expect(await db.notificationDelivery.count({ where: { channelId: id, status: "DELIVERED" } })).toBe(8);
    await callerAs(org.admin, org.id).notifications.delete({ id });
  });
});
