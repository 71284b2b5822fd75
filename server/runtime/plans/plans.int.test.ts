// Plan envelopes over real HTTP against the real store: POST /api/plans, approval through the
// inbox's vote procedure, then /api/decide answering PLAN_APPROVED inside the envelope only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { canonicalPlan, planApprovalAction, planHash } from "@/server/domain/plans/plan-hash";
import type { PlanStep } from "@/server/domain/plans/plan-request";
import { planParamsDigest } from "@/server/domain/plans/stored-plan-steps";
import { callerAs } from "@/test/factories";
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
  type SeededAgent,
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
type PlanState = {
  planId: string;
  status: string;
  budget: Record<string, number>;
  used: Record<string, number>;
  steps: PlanStep[];
  approval: { id: string; status: string } | null;
};

const merge42: PlanStep = {
  tool: "github",
  operation: "pulls.merge",
  resource: "repo:acme/web",
  params: { number: 42 },
};
const submit = (bearer: string, body: unknown) =>
  call<Submitted>(runtime.url, "POST", "/api/plans", { bearer, body });
const getPlan = (bearer: string, id: string) =>
  call<PlanState>(runtime.url, "GET", `/api/plans/${id}`, { bearer });

/** An agent whose every write needs approval (autonomy 1 = assist). */
const assistAgent = (extra: Parameters<typeof seedAgent>[1] = {}) =>
  seedAgent(org, { autonomy: 1, grants: [githubGrant()], ...extra });

/** What security does in the inbox: open the card, approve (or deny) what it shows. */
async function voteInInbox(approvalId: string, vote: "APPROVE" | "DENY") {
  const caller = callerAs(org.security, org.id);
  const card = await caller.approvals.get({ id: approvalId });
  await caller.approvals.vote({
    approvalId,
    vote,
    comment: "plan reviewed",
    version: card.version,
    cardHash: card.cardHash,
  });
  // The vote bumped the policy version; make this instance's version check run now.
  await runtime.handler.runtime.policy.refresh(org.id, performance.now());
}

async function approvedPlan(agent: SeededAgent, body: Record<string, unknown>) {
  const submitted = await submit(agent.secret, body);
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  await voteInInbox(submitted.body.approval.id, "APPROVE");
  return submitted.body;
}

const pendingApprovals = (agentId: string) => db.approval.count({ where: { agentId, status: "PENDING" } });

describe("POST /api/plans", () => {
  it("creates the plan and one approval bound to it, shaped for the inbox", async () => {
    const agent = await seedAgent(org, {
      autonomy: 2,
      grants: [
        githubGrant({ approvers: 2 }),
        githubGrant({ operationPattern: "github:repos.delete", approvalTtlSeconds: 300 }),
      ],
    });
    const steps = [merge42, { tool: "github", operation: "repos.delete", resource: "repo:acme/*" }];
    const answer = await submit(agent.secret, { steps, budget: { calls: 10 }, summary: "Ship the release" });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      status: "PENDING",
      planId: expect.stringMatching(/^pln_/) as string,
    });
    const plan = await db.plan.findUniqueOrThrow({ where: { id: answer.body.planId } });
    const approval = await db.approval.findUniqueOrThrow({ where: { id: answer.body.approval.id } });
    // Stored with the digest of each step's params (the tool has no redaction rules here).
    const stored = [{ ...merge42, paramsDigest: planParamsDigest({ number: 42 }) }, steps[1]!];
    expect(plan).toMatchObject({
      agentId: agent.id,
      status: "PENDING",
      summary: "Ship the release",
      steps: stored,
      budget: { calls: 10 },
    });
    expect(plan.expiresAt.getTime() - plan.createdAt.getTime()).toBeGreaterThan(3_590_000);
    expect(approval).toMatchObject({
      planId: plan.id,
      status: "PENDING",
      action: { plan: { steps: stored, budget: { calls: 10 } } },
      effect: "DELETE",
      requiredApprovers: 2,
      decisionId: null,
    });
    expect(approval.ruleReason).toMatch(
      /^The agent asks to run a plan of 2 steps within a budget of 10 calls/,
    );
    // The shortest wait of the covering grants (300 s), not the default 600 s.
    expect(approval.expiresAt.getTime() - approval.createdAt.getTime()).toBeLessThanOrEqual(301_000);
    expect(approval.actionHash).toBe(
      planHash(
        canonicalPlan({
          agentId: agent.id,
          runId: null,
          steps: stored,
          budget: { calls: 10 },
          expiresAt: plan.expiresAt,
        }),
      ),
    );
    expect(approval.action).toEqual(planApprovalAction({ steps: stored, budget: { calls: 10 } }));
    const state = await call<{ status: string }>(runtime.url, "GET", `/api/approvals/${approval.id}`, {
      bearer: agent.secret,
    });
    expect(state.body.status).toBe("PENDING");
  });

  it("refuses a step outside the grants, naming each such step, and creates nothing", async () => {
    const agent = await assistAgent({
      grants: [githubGrant({ paramsSchema: { type: "object", properties: { number: { maximum: 100 } } } })],
    });
    const answer = await submit(agent.secret, {
      steps: [
        merge42,
        { tool: "github", operation: "pulls.merge", resource: "repo:other/web" },
        { tool: "github", operation: "pulls.merge", resource: "repo:acme/web", params: { number: 5000 } },
        { tool: "github", operation: "pulls.merge", resource: "**" },
        { tool: "shell", operation: "exec", resource: "host:prod" },
      ],
      budget: { calls: 5 },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.error?.code).toBe("PLAN_OUT_OF_SCOPE");
    expect(answer.body.error?.issues?.map((i) => i.path)).toEqual([
      "steps.1",
      "steps.2",
      "steps.3",
      "steps.4",
    ]);
    expect(answer.body.error?.issues?.[0]?.message).toMatch(
      /Step 2: No grant of the agent covers github:pulls.merge on repo:other\/web/,
    );
    expect(answer.body.error?.issues?.[1]?.message).toMatch(/parameters/);
    expect(answer.body.error?.issues?.[3]?.message).toMatch(/not in the tool catalog/);
    expect(await db.plan.count({ where: { agentId: agent.id } })).toBe(0);
    expect(await db.approval.count({ where: { agentId: agent.id } })).toBe(0);
  });

  it("validates the body strictly", async () => {
    const agent = await assistAgent();
    const ok = { steps: [merge42], budget: { calls: 1 } };
    for (const body of [
      { ...ok, agentId: "agt_x" },
      { ...ok, steps: [] },
      { ...ok, steps: Array.from({ length: 51 }, () => merge42) },
      { ...ok, budget: {} },
      { ...ok, budget: { calls: 0 } },
      { ...ok, budget: { calls: 1, dollars: 5 } },
      { ...ok, expiresInSeconds: 86_401 },
      { ...ok, steps: [{ ...merge42, resource: "repo:acme/../web" }] },
      { ...ok, steps: [{ ...merge42, extra: true }] },
      '{"steps":[],"steps":[]}',
    ]) {
      const answer = await submit(agent.secret, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error?.code).toBe("INVALID_REQUEST");
    }
    expect((await submit("wdn_nope_nope", ok)).status).toBe(401);
  });

  it("refuses agents that may not act, and respects the pending-approval cap", async () => {
    const observer = await seedAgent(org, { autonomy: 0, grants: [githubGrant()] });
    const observed = await submit(observer.secret, { steps: [merge42], budget: { calls: 1 } });
    expect([observed.status, observed.body.error?.code]).toEqual([403, "AUTONOMY_OBSERVE_ONLY"]);
    // A sub-agent at 3 of an observing parent acts at 0 too.
    const observersChild = await seedAgent(org, {
      autonomy: 3,
      parentId: observer.id,
      grants: [githubGrant()],
    });
    const childObserved = await submit(observersChild.secret, { steps: [merge42], budget: { calls: 1 } });
    expect([childObserved.status, childObserved.body.error?.code]).toEqual([403, "AUTONOMY_OBSERVE_ONLY"]);
    expect(childObserved.body.error?.message).toMatch(/its parent agent \S+ only observes/);

    const paused = await assistAgent();
    await db.agent.update({ where: { id: paused.id }, data: { status: "PAUSED" } });
    await bump(org.id);
    await runtime.handler.runtime.policy.refresh(org.id, performance.now());
    expect((await submit(paused.secret, { steps: [merge42], budget: { calls: 1 } })).body.error?.code).toBe(
      "AGENT_PAUSED",
    );

    const capped = await assistAgent({ maxPendingApprovals: 1 });
    expect((await submit(capped.secret, { steps: [merge42], budget: { calls: 1 } })).status).toBe(201);
    const full = await submit(capped.secret, { steps: [merge42], budget: { calls: 1 } });
    expect([full.status, full.body.error?.code]).toEqual([429, "APPROVAL_QUEUE_FULL"]);
    // The plan's approval counts against the cap for decisions too.
    expect(code(await decide(runtime.url, capped.secret, mergeRequest()))).toBe("APPROVAL_QUEUE_FULL");
  });

  it("binds a plan to a run of the agent only", async () => {
    const agent = await assistAgent();
    const other = await assistAgent();
    const run = await call<{ runId: string }>(runtime.url, "POST", "/api/runs", {
      bearer: other.secret,
      body: {},
    });
    const answer = await submit(agent.secret, {
      runId: run.body.runId,
      steps: [merge42],
      budget: { calls: 1 },
    });
    expect([answer.status, answer.body.error?.code]).toEqual([400, "INVALID_REQUEST"]);
  });
});

describe("deciding inside an approved plan", () => {
  it("answers PLAN_APPROVED for matching steps without new approvals; a deviation needs approval", async () => {
    const agent = await assistAgent();
    const before = await decide(runtime.url, agent.secret, mergeRequest());
    expect(code(before)).toBe("APPROVAL_REQUIRED");
    const plan = await approvedPlan(agent, { steps: [merge42], budget: { calls: 5 } });
    expect(await db.plan.findUniqueOrThrow({ where: { id: plan.planId } })).toMatchObject({
      status: "APPROVED",
    });
    const pendingBefore = await pendingApprovals(agent.id);

    const inside = await decide(runtime.url, agent.secret, mergeRequest());
    expect(inside.body).toMatchObject({
      decision: "allow",
      reason: { code: "PLAN_APPROVED" },
      approval: null,
      plan: { id: plan.planId, budget: [{ metric: "calls", used: 1, limit: 5 }] },
    });
    const row = await db.decision.findUniqueOrThrow({ where: { id: inside.body.decisionId! } });
    expect(row).toMatchObject({ planId: plan.planId, reasonCode: "PLAN_APPROVED", outcome: "ALLOW" });
    expect(await pendingApprovals(agent.id)).toBe(pendingBefore);

    const deviation = await decide(runtime.url, agent.secret, mergeRequest({ params: { number: 43 } }));
    expect(code(deviation)).toBe("APPROVAL_REQUIRED");
    expect(deviation.body.approval?.id).toMatch(/^apr_/);

    // The plan's approval is no per-action approval: presenting it is a mismatch, and uses nothing.
    const presented = await decide(runtime.url, agent.secret, mergeRequest({ approvalId: plan.approval.id }));
    expect(code(presented)).toBe("APPROVAL_ACTION_MISMATCH");
    expect((await db.approval.findUniqueOrThrow({ where: { id: plan.approval.id } })).status).toBe(
      "APPROVED",
    );

    const state = await getPlan(agent.secret, plan.planId);
    expect(state.body).toMatchObject({ status: "APPROVED", budget: { calls: 5 }, used: { calls: 1 } });
  });

  it("uses the budget exactly under 30 concurrent requests, across two instances", async () => {
    const agent = await assistAgent();
    const plan = await approvedPlan(agent, {
      steps: [{ ...merge42, params: undefined }],
      budget: { calls: 10 },
    });
    const second = await startRuntime();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        decide((i % 2 ? second : runtime).url, agent.secret, mergeRequest({ params: { number: i } })),
      ),
    ).finally(() => second.close());
    const codes = answers.map(code);
    expect(codes.filter((c) => c === "PLAN_APPROVED")).toHaveLength(10);
    expect(codes.filter((c) => c === "QUOTA_EXCEEDED")).toHaveLength(20);
    const refused = answers.find((a) => code(a) === "QUOTA_EXCEEDED")!;
    expect(refused.body).toMatchObject({
      plan: { id: plan.planId, budget: [{ metric: "calls", used: 10, limit: 10 }] },
    });
    expect(await db.decision.count({ where: { planId: plan.planId, reasonCode: "PLAN_APPROVED" } })).toBe(10);
    const state = await getPlan(agent.secret, plan.planId);
    expect(state.body).toMatchObject({ status: "EXHAUSTED", used: { calls: 10 } });
  });

  it("a denied plan changes nothing: actions are evaluated as before", async () => {
    const agent = await assistAgent();
    const submitted = await submit(agent.secret, { steps: [merge42], budget: { calls: 5 } });
    await voteInInbox(submitted.body.approval.id, "DENY");
    expect((await getPlan(agent.secret, submitted.body.planId)).body.status).toBe("DENIED");
    expect(code(await decide(runtime.url, agent.secret, mergeRequest()))).toBe("APPROVAL_REQUIRED");
  });

  it("an expired plan stands in for nothing", async () => {
    const agent = await assistAgent();
    // A plan approved a moment before it expires (written as the inbox leaves an approved plan).
    const expiresAt = new Date(Date.now() + 1500);
    const steps = [merge42];
    const plan = await db.plan.create({
      data: { orgId: org.id, agentId: agent.id, steps, budget: { calls: 5 }, status: "APPROVED", expiresAt },
    });
    await db.approval.create({
      data: {
        orgId: org.id,
        agentId: agent.id,
        planId: plan.id,
        actionHash: planHash(
          canonicalPlan({ agentId: agent.id, runId: null, steps, budget: { calls: 5 }, expiresAt }),
        ),
        action: planApprovalAction({ steps, budget: { calls: 5 } }),
        ruleReason: "test",
        status: "APPROVED",
        expiresAt,
      },
    });
    await bump(org.id);
    await runtime.handler.runtime.policy.refresh(org.id, performance.now());
    expect(code(await decide(runtime.url, agent.secret, mergeRequest()))).toBe("PLAN_APPROVED");
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt.getTime() - Date.now() + 50)));
    expect(code(await decide(runtime.url, agent.secret, mergeRequest()))).toBe("APPROVAL_REQUIRED");
    expect((await getPlan(agent.secret, plan.id)).body.status).toBe("EXPIRED");
  });

  it("grants still deny inside an approved plan", async () => {
    const agent = await assistAgent();
    await approvedPlan(agent, { steps: [merge42], budget: { calls: 5 } });
    await db.grant.deleteMany({ where: { agentId: agent.id } });
    await bump(org.id);
    await runtime.handler.runtime.policy.refresh(org.id, performance.now());
    expect(code(await decide(runtime.url, agent.secret, mergeRequest()))).toBe("NO_MATCHING_GRANT");
  });
});

describe("GET /api/plans/{id}", () => {
  it("is readable only by the plan's own agent", async () => {
    const agent = await assistAgent();
    const submitted = await submit(agent.secret, { steps: [merge42], budget: { calls: 3, spendCents: 500 } });
    const own = await getPlan(agent.secret, submitted.body.planId);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      planId: submitted.body.planId,
      status: "PENDING",
      steps: [merge42],
      budget: { calls: 3, spendCents: 500 },
      used: { calls: 0, spendCents: 0 },
      approval: { id: submitted.body.approval.id, status: "PENDING" },
    });
    const sibling = await assistAgent();
    const stranger = await seedAgent(await createDecideOrg(), { grants: [githubGrant()] });
    for (const bearer of [sibling.secret, stranger.secret]) {
      const answer = await getPlan(bearer, submitted.body.planId);
      expect([answer.status, answer.body.error?.code]).toEqual([404, "NOT_FOUND"]);
    }
    expect((await getPlan(agent.secret, "not-a-plan")).status).toBe(404);
    expect((await getPlan("wdn_nope_nope", submitted.body.planId)).status).toBe(401);
  });
});
