// submitPlan() and getPlan() against a real runtime handler and store; the plan is approved the
// way the inbox does it (the vote procedure), and guard() then runs inside the envelope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerAs } from "@/test/factories";
import {
  createDecideOrg,
  githubGrant,
  seedAgent,
  startRuntime,
  type DecideOrg,
  type RunningRuntime,
} from "@/server/runtime/__tests__/runtime-harness";
import { WardenApiError, WardenClient } from "./index";

let runtime: RunningRuntime;
let org: DecideOrg;

beforeAll(async () => {
  runtime = await startRuntime();
  org = await createDecideOrg();
});
afterAll(() => runtime.close());

describe("WardenClient plans", () => {
  it("submits a plan, waits for its approval and then acts inside it", async () => {
    const agent = await seedAgent(org, { autonomy: 1, grants: [githubGrant()] });
    const client = new WardenClient({ baseUrl: runtime.url, credential: agent.secret });
    const run = await client.startRun();
    const submitted = await client.submitPlan({
      runId: run.runId,
      steps: [{ tool: "github", operation: "pulls.merge", resource: "repo:acme/*" }],
      budget: { calls: 2 },
      summary: "Merge the release PRs",
    });
    expect(submitted).toMatchObject({
      status: "PENDING",
      approval: { id: expect.stringMatching(/^apr_/) as string },
    });

    const waiting = client.waitForApproval(submitted.approval.id, { timeoutMs: 10_000 });
    const security = callerAs(org.security, org.id);
    const card = await security.approvals.get({ id: submitted.approval.id });
    await security.approvals.vote({
      approvalId: submitted.approval.id,
      vote: "APPROVE",
      comment: "",
      version: card.version,
      cardHash: card.cardHash,
    });
    expect((await waiting).status).toBe("APPROVED");
    await runtime.handler.runtime.policy.refresh(org.id, performance.now());

    const merge = client.guard(
      (n: number) => ({ merged: n }),
      (n: number) => ({
        runId: run.runId,
        tool: "github",
        operation: "pulls.merge",
        resource: "repo:acme/web",
        params: { number: n },
      }),
    );
    expect(await merge(1)).toEqual({ merged: 1 });
    const plan = await client.getPlan(submitted.planId);
    expect(plan).toMatchObject({
      status: "APPROVED",
      runId: run.runId,
      budget: { calls: 2 },
      used: { calls: 1 },
    });
  });

  it("cancels a plan with cancelPlan(), idempotently, and not another agent's", async () => {
    const agent = await seedAgent(org, { autonomy: 1, grants: [githubGrant()] });
    const client = new WardenClient({ baseUrl: runtime.url, credential: agent.secret });
    const submitted = await client.submitPlan({
      steps: [{ tool: "github", operation: "pulls.merge", resource: "repo:acme/web" }],
      budget: { calls: 1 },
    });
    const other = await seedAgent(org, { autonomy: 1, grants: [githubGrant()] });
    const stranger = new WardenClient({ baseUrl: runtime.url, credential: other.secret });
    const error = (await stranger.cancelPlan(submitted.planId).catch((e: unknown) => e)) as WardenApiError;
    expect(error).toMatchObject({ status: 404, code: "NOT_FOUND" });

    const cancelled = await client.cancelPlan(submitted.planId);
    expect(cancelled).toMatchObject({ planId: submitted.planId, status: "CANCELLED" });
    expect(cancelled.approval?.status).toBe("CANCELLED");
    expect(await client.cancelPlan(submitted.planId)).toMatchObject({ status: "CANCELLED" });
  });

  it("reports a step outside the grants as PLAN_OUT_OF_SCOPE with one issue per step", async () => {
    const agent = await seedAgent(org, { autonomy: 1, grants: [githubGrant()] });
    const client = new WardenClient({ baseUrl: runtime.url, credential: agent.secret });
    const error = (await client
      .submitPlan({
        steps: [{ tool: "github", operation: "pulls.merge", resource: "repo:other/x" }],
        budget: { calls: 1 },
      })
      .catch((e: unknown) => e)) as WardenApiError;
    expect(error).toBeInstanceOf(WardenApiError);
    expect(error).toMatchObject({ status: 403, code: "PLAN_OUT_OF_SCOPE" });
    expect(error.issues.map((i) => i.path)).toEqual(["steps.0"]);
  });

  it("answers a retried submission with the same plan, and another plan under its key with IDEMPOTENCY_CONFLICT", async () => {
    const agent = await seedAgent(org, { autonomy: 1, grants: [githubGrant()] });
    const client = new WardenClient({ baseUrl: runtime.url, credential: agent.secret });
    const request = {
      steps: [{ tool: "github", operation: "pulls.merge", resource: "repo:acme/web", params: { number: 7 } }],
      budget: { calls: 1 },
      idempotencyKey: "release-7",
    };
    const first = await client.submitPlan(request);
    expect(await client.submitPlan(request)).toEqual(first);
    const error = (await client
      .submitPlan({ ...request, budget: { calls: 2 } })
      .catch((e: unknown) => e)) as WardenApiError;
    expect(error).toMatchObject({ status: 422, code: "IDEMPOTENCY_CONFLICT" });
  });
});
