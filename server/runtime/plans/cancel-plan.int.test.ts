// POST /api/plans/{id}/cancel over real HTTP against the real store: only the plan's own agent
// cancels it; an approved plan stops covering its steps (the policy version moves on).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { PlanStep } from "@/server/domain/plans/plan-request";
import { callerAs } from "@/test/factories";
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
import { call } from "../__tests__/runtime-calls";

let runtime: RunningRuntime;
let org: DecideOrg;

beforeAll(async () => {
  runtime = await startRuntime();
  org = await createDecideOrg();
});
afterAll(() => runtime.close());

type PlanAnswer = {
  planId: string;
  status: string;
  approval: { id: string; status: string } | null;
  error?: { code: string };
};

const merge42: PlanStep = {
  tool: "github",
  operation: "pulls.merge",
  resource: "repo:acme/web",
  params: { number: 42 },
};
const submit = (bearer: string) =>
  call<PlanAnswer>(runtime.url, "POST", "/api/plans", {
    bearer,
    body: { steps: [merge42], budget: { calls: 5 } },
  });
const cancel = (bearer: string, id: string, body?: unknown) =>
  call<PlanAnswer>(runtime.url, "POST", `/api/plans/${id}/cancel`, { bearer, body });
const policyVersion = async () =>
  (await db.organization.findUniqueOrThrow({ where: { id: org.id } })).policyVersion;

const assistAgent = () => seedAgent(org, { autonomy: 1, grants: [githubGrant()] });

async function voteInInbox(approvalId: string, vote: "APPROVE" | "DENY") {
  const caller = callerAs(org.security, org.id);
  const card = await caller.approvals.get({ id: approvalId });
  await caller.approvals.vote({
    approvalId,
    vote,
    comment: "",
    version: card.version,
    cardHash: card.cardHash,
  });
  await runtime.handler.runtime.policy.refresh(org.id, performance.now());
}

describe("POST /api/plans/{id}/cancel", () => {
  it("cancels an approved plan: matching steps need approval again", async () => {
    const agent = await assistAgent();
    const submitted = (await submit(agent.secret)).body;
    await voteInInbox(submitted.approval!.id, "APPROVE");
    expect(code(await decide(runtime.url, agent.secret, mergeRequest()))).toBe("PLAN_APPROVED");
    const v0 = await policyVersion();

    const answer = await cancel(agent.secret, submitted.planId);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ planId: submitted.planId, status: "CANCELLED" });
    expect(await policyVersion()).toBe(v0 + 1);
    // The approved approval stays the record of what people decided.
    expect((await db.approval.findUniqueOrThrow({ where: { id: submitted.approval!.id } })).status).toBe(
      "APPROVED",
    );

    // What the NOTIFY listener does on another instance: see the newer version and reload.
    await runtime.handler.runtime.policy.refresh(org.id, performance.now());
    const after = await decide(runtime.url, agent.secret, mergeRequest());
    expect(code(after)).toBe("APPROVAL_REQUIRED");

    // Idempotent: a retry answers the cancelled plan and changes nothing more.
    const again = await cancel(agent.secret, submitted.planId, {});
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ planId: submitted.planId, status: "CANCELLED" });
    expect(await policyVersion()).toBe(v0 + 1);
  });

  it("cancels a pending plan with its approval, without moving the policy version", async () => {
    const agent = await assistAgent();
    const submitted = (await submit(agent.secret)).body;
    const v0 = await policyVersion();
    const answer = await cancel(agent.secret, submitted.planId);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: "CANCELLED", approval: { status: "CANCELLED" } });
    const approval = await db.approval.findUniqueOrThrow({ where: { id: submitted.approval!.id } });
    expect(approval.status).toBe("CANCELLED");
    expect(approval.decidedAt).not.toBeNull();
    expect(await policyVersion()).toBe(v0);
    // Security can no longer approve it from the inbox.
    const security = callerAs(org.security, org.id);
    const card = await security.approvals.get({ id: approval.id });
    const late = await security.approvals
      .vote({
        approvalId: approval.id,
        vote: "APPROVE",
        comment: "",
        version: card.version,
        cardHash: card.cardHash,
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(late).not.toBeNull();
    expect((await db.plan.findUniqueOrThrow({ where: { id: submitted.planId } })).status).toBe("CANCELLED");
  });

  it("hides another agent's plan (404) and refuses a denied plan (409) or a body with fields", async () => {
    const agent = await assistAgent();
    const other = await assistAgent();
    const submitted = (await submit(agent.secret)).body;

    const foreign = await cancel(other.secret, submitted.planId);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error?.code).toBe("NOT_FOUND");
    expect((await cancel(agent.secret, "pln_doesnotexist")).status).toBe(404);
    const withFields = await cancel(agent.secret, submitted.planId, { reason: "x" });
    expect(withFields.status).toBe(400);
    expect((await db.plan.findUniqueOrThrow({ where: { id: submitted.planId } })).status).toBe("PENDING");

    await voteInInbox(submitted.approval!.id, "DENY");
    const denied = await cancel(agent.secret, submitted.planId);
    expect(denied.status).toBe(409);
    expect(denied.body.error?.code).toBe("CONFLICT");
    expect(await cancel(agent.secret, submitted.planId).then((a) => a.status)).toBe(409);
  });
});
