// POST /api/plans with an idempotency key, over real HTTP against the real store: a retry gets the
// same plan (no second plan or approval), another body with the same key is a conflict.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import {
  createDecideOrg,
  githubGrant,
  seedAgent,
  startRuntime,
  type DecideOrg,
  type RunningRuntime,
} from "../__tests__/runtime-harness";
import { call } from "../__tests__/runtime-calls";

let runtime: RunningRuntime;
let org: DecideOrg;

beforeAll(async () => {
  runtime = await startRuntime();
  org = await createDecideOrg();
});
afterAll(() => runtime.close());

type Submitted = {
  planId: string;
  status: string;
  expiresAt: string;
  approval: { id: string; expiresAt: string };
};

const submit = (bearer: string, body: unknown) =>
  call<Submitted>(runtime.url, "POST", "/api/plans", { bearer, body });

const step = { tool: "github", operation: "pulls.merge", resource: "repo:acme/web", params: { number: 42 } };
const agent = () => seedAgent(org, { autonomy: 1, grants: [githubGrant()] });
const counts = async (agentId: string) => ({
  plans: await db.plan.count({ where: { agentId } }),
  approvals: await db.approval.count({ where: { agentId } }),
});

describe("POST /api/plans with an idempotency key", () => {
  it("answers a retry with the same plan, creating nothing more", async () => {
    const { id, secret } = await agent();
    const body = { steps: [step], budget: { calls: 3 }, summary: "Ship", idempotencyKey: "plan-1" };
    const first = await submit(secret, body);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();

    // The same body, its keys in another order and a default spelled out: the same submission.
    const again = await submit(secret, {
      idempotencyKey: "plan-1",
      expiresInSeconds: 3600,
      summary: "Ship",
      budget: { calls: 3 },
      steps: [
        { params: { number: 42 }, resource: "repo:acme/web", operation: "pulls.merge", tool: "github" },
      ],
    });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await counts(id)).toEqual({ plans: 1, approvals: 1 });
    const plan = await db.plan.findUniqueOrThrow({ where: { id: first.body.planId } });
    expect(plan.idempotencyKey).toBe("plan-1");
    expect(plan.requestHash).toMatch(/^[0-9a-f]{64}$/);

    // Still the same answer once the plan has been decided on.
    await db.plan.update({ where: { id: plan.id }, data: { status: "DENIED" } });
    expect((await submit(secret, body)).body).toEqual(first.body);
  });

  it("refuses the same key with another body, and changes nothing", async () => {
    const { id, secret } = await agent();
    const body = { steps: [step], budget: { calls: 3 }, idempotencyKey: "plan-2" };
    expect((await submit(secret, body)).status).toBe(201);
    for (const other of [
      { ...body, budget: { calls: 4 } },
      { ...body, steps: [{ ...step, params: { number: 43 } }] },
      { ...body, summary: "Something else" },
      { ...body, expiresInSeconds: 120 },
    ]) {
      const answer = await submit(secret, other);
      expect(answer.status, JSON.stringify(other)).toBe(422);
      expect(answer.body.error?.code).toBe("IDEMPOTENCY_CONFLICT");
    }
    expect(await counts(id)).toEqual({ plans: 1, approvals: 1 });
    // Without a key, or with a new one, a second plan is made.
    const { idempotencyKey: _key, ...unkeyed } = body;
    expect((await submit(secret, unkeyed)).status).toBe(201);
    expect((await submit(secret, { ...body, idempotencyKey: "plan-3" })).status).toBe(201);
    expect(await counts(id)).toEqual({ plans: 3, approvals: 3 });
  });

  it("keeps keys per agent", async () => {
    const one = await agent();
    const two = await agent();
    const body = { steps: [step], budget: { calls: 1 }, idempotencyKey: "shared-key" };
    const a = await submit(one.secret, body);
    const b = await submit(two.secret, body);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.planId).not.toBe(a.body.planId);
  });

  it("creates one plan under concurrent retries", async () => {
    const { id, secret } = await agent();
    const body = { steps: [step], budget: { calls: 1 }, idempotencyKey: "burst" };
    const answers = await Promise.all(Array.from({ length: 8 }, () => submit(secret, body)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    expect(new Set(answers.map((a) => a.body.planId)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get("idempotent-replayed") === "true")).toHaveLength(7);
    expect(await counts(id)).toEqual({ plans: 1, approvals: 1 });
  });

  it("validates the key", async () => {
    const { secret } = await agent();
    for (const idempotencyKey of ["", "has space", "x".repeat(201), 42]) {
      const answer = await submit(secret, { steps: [step], budget: { calls: 1 }, idempotencyKey });
      expect(answer.status, String(idempotencyKey)).toBe(400);
      expect(answer.body.error?.issues?.[0]?.path).toBe("idempotencyKey");
    }
  });
});
