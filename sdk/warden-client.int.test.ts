// The SDK end to end against a real runtime handler and a real store: runs, decisions, outcomes,
// tokens, and guard() through an approval that a "person" gives by updating the row + NOTIFY.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { notifyApprovalChanged } from "@/server/domain/approvals/notify-approval-changed";
import {
  createDecideOrg,
  githubGrant,
  seedAgent,
  startRuntime,
  type DecideOrg,
  type RunningRuntime,
} from "@/server/runtime/__tests__/runtime-harness";
import {
  resultDigest,
  WardenApiError,
  WardenApprovalTimeoutError,
  WardenClient,
  WardenDeniedError,
  type GuardedAction,
} from "./index";

let runtime: RunningRuntime;
let org: DecideOrg;

beforeAll(async () => {
  runtime = await startRuntime();
  org = await createDecideOrg();
});
afterAll(() => runtime.close());

async function clientFor(grants = [githubGrant()], options: { useToken?: boolean } = {}) {
  const agent = await seedAgent(org, { grants });
  return { agent, client: new WardenClient({ baseUrl: runtime.url, credential: agent.secret, ...options }) };
}

function settle(approvalId: string, status: "APPROVED" | "DENIED") {
  return db.$transaction(async (tx) => {
    await tx.approval.update({ where: { id: approvalId }, data: { status, decidedAt: new Date() } });
    await notifyApprovalChanged(tx, approvalId);
  });
}

const merge = (runId: string | undefined, number: number): GuardedAction => ({
  runId,
  tool: "github",
  operation: "pulls.merge",
  resource: "repo:acme/web",
  params: { number },
});

describe("WardenClient", () => {
  it("starts a run, decides, reports an outcome and ends the run", async () => {
    const { agent, client } = await clientFor();
    const run = await client.startRun({
      trigger: { kind: "user", ref: "chat-1" },
      onBehalfOf: "user:alice@acme.test",
    });
    const decision = await client.decide({ ...merge(run.runId, 7), idempotencyKey: "k-1" });
    expect(decision).toMatchObject({ decision: "allow", reason: { code: "ALLOWED_BY_GRANT" } });
    const outcome = await client.reportOutcome(decision.decisionId, {
      status: "success",
      sideEffects: [{ kind: "github.pull_request", url: "https://github.com/acme/web/pull/7" }],
    });
    expect(outcome.events.map((e) => e.kind)).toEqual(["OUTCOME", "SIDE_EFFECT"]);
    const ended = await client.endRun(run.runId, { status: "succeeded" });
    expect(ended.status).toBe("succeeded");
    const again = await client.endRun(run.runId, { status: "failed" }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(WardenApiError);
    expect(again).toMatchObject({ status: 409, code: "CONFLICT" });
    expect(await db.run.findUniqueOrThrow({ where: { id: run.runId } })).toMatchObject({
      agentId: agent.id,
      status: "SUCCEEDED",
      onBehalfOf: "user:alice@acme.test",
    });
  });

  it("speaks with tokens after exchangeToken()", async () => {
    const { client } = await clientFor();
    const token = await client.exchangeToken({ ttlSeconds: 120 });
    expect(token).toMatchObject({ tokenType: "Bearer", audience: "warden:decide", expiresIn: 120 });
    const run = await client.startRun();
    expect((await client.decide(merge(run.runId, 1))).decision).toBe("allow");
  });

  it("reports authentication and validation errors with their codes", async () => {
    const stranger = new WardenClient({ baseUrl: runtime.url, credential: "wdn_nope_nope" });
    await expect(stranger.startRun()).rejects.toMatchObject({ status: 401, code: "AUTHENTICATION_FAILED" });
    const { client } = await clientFor();
    const invalid = await client
      .decide({ ...merge(undefined, 1), resource: "repo:acme/../web" })
      .catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 400, code: "NON_CANONICAL_RESOURCE" });
    const offline = new WardenClient({ baseUrl: "http://127.0.0.1:9", credential: "wdn_a_b" });
    await expect(offline.startRun()).rejects.toMatchObject({
      status: 0,
      code: "NETWORK_ERROR",
      retryable: true,
    });
  });
});

describe("guard()", () => {
  it("runs an allowed tool and reports its result digest and side effects", async () => {
    const { client } = await clientFor();
    const run = await client.startRun();
    const tool = vi.fn((number: number) => Promise.resolve({ merged: true, number }));
    const guarded = client.guard(tool, (number: number) => merge(run.runId, number), {
      sideEffects: (result) => [
        { kind: "github.pull_request", url: `https://github.com/acme/web/pull/${result.number}` },
      ],
    });
    expect(await guarded(42)).toEqual({ merged: true, number: 42 });
    expect(tool).toHaveBeenCalledOnce();
    const events = await db.runEvent.findMany({ where: { runId: run.runId } });
    expect(events.find((e) => e.kind === "OUTCOME")).toMatchObject({
      status: "success",
      resultDigest: await resultDigest({ merged: true, number: 42 }),
    });
    expect(events.find((e) => e.kind === "SIDE_EFFECT")?.externalUrl).toBe(
      "https://github.com/acme/web/pull/42",
    );
  });

  it("does not run a denied tool: WardenDeniedError with the reason code", async () => {
    const { client } = await clientFor([
      githubGrant({ paramsSchema: { type: "object", properties: { number: { maximum: 10 } } } }),
    ]);
    const tool = vi.fn((_number: number) => "merged");
    const guarded = client.guard(tool, (number: number) => merge(undefined, number));
    const error = await guarded(11).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WardenDeniedError);
    expect(error).toMatchObject({
      code: "PARAMS_OUT_OF_SCOPE",
      decisionId: expect.stringMatching(/^dec_/) as string,
    });
    expect(tool).not.toHaveBeenCalled();
    expect(await guarded(5)).toBe("merged");
  });

  it("reports a failing tool as an error outcome and rethrows its error", async () => {
    const { client } = await clientFor();
    const run = await client.startRun();
    const guarded = client.guard(
      () => Promise.reject(new TypeError("GitHub answered 502")),
      () => merge(run.runId, 3),
    );
    await expect(guarded()).rejects.toThrow("GitHub answered 502");
    const events = await db.runEvent.findMany({ where: { runId: run.runId } });
    expect(events.map((e) => e.kind).sort()).toEqual(["ERROR", "OUTCOME"]);
    expect(events.find((e) => e.kind === "ERROR")).toMatchObject({
      summary: "GitHub answered 502",
      data: { code: "TypeError" },
    });
  });

  it("waits for a required approval, then decides again with it, runs and reports", async () => {
    const { client } = await clientFor([githubGrant({ approvalMode: "ALWAYS" })]);
    const run = await client.startRun();
    const tool = vi.fn((number: number) => ({ merged: number }));
    let approvalId = "";
    const guarded = client.guard(tool, (number: number) => merge(run.runId, number), {
      approvalTimeoutMs: 20_000,
      onApprovalRequired: (approval) => {
        approvalId = approval.id;
        // A person approves in the inbox a moment later.
        setTimeout(() => void settle(approval.id, "APPROVED"), 300);
      },
    });
    const began = Date.now();
    expect(await guarded(9)).toEqual({ merged: 9 });
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(tool).toHaveBeenCalledOnce();
    const decisions = await db.decision.findMany({
      where: { runId: run.runId },
      orderBy: { createdAt: "asc" },
    });
    expect(decisions.map((d) => d.reasonCode)).toEqual(["APPROVAL_REQUIRED", "APPROVED"]);
    expect(decisions[1]?.approvalId).toBe(approvalId);
    expect((await db.approval.findUniqueOrThrow({ where: { id: approvalId } })).status).toBe("CONSUMED");
    const outcome = await db.runEvent.findFirstOrThrow({ where: { runId: run.runId, kind: "OUTCOME" } });
    expect(outcome.decisionId).toBe(decisions[1]?.id);
  });

  it("throws the server's reason when the approval is denied, and a timeout while it is pending", async () => {
    const { client } = await clientFor([githubGrant({ approvalMode: "ALWAYS" })]);
    const tool = vi.fn(() => "merged");
    const denied = client.guard(tool, () => merge(undefined, 1), {
      onApprovalRequired: (approval) => void settle(approval.id, "DENIED"),
    });
    await expect(denied()).rejects.toMatchObject({ name: "WardenDeniedError", code: "APPROVAL_DENIED" });

    const waiting = client.guard(tool, () => merge(undefined, 2), { approvalTimeoutMs: 1_000 });
    const error = await waiting().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WardenApprovalTimeoutError);
    expect(error).toMatchObject({ code: "APPROVAL_PENDING", approval: { status: "PENDING" } });
    expect(tool).not.toHaveBeenCalled();
  });
});
