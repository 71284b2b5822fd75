// POST /api/runs and /api/runs/{id}/end over real HTTP against the real store.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import {
  bump,
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

type Started = { runId: string; status: string; startedAt: string };
const start = (bearer: string, body?: unknown, headers?: Record<string, string>) =>
  call<Started>(runtime.url, "POST", "/api/runs", { bearer, body, headers });

describe("POST /api/runs", () => {
  it("starts a run of the credential's agent with trigger, on-behalf-of and model", async () => {
    const agent = await seedAgent(org);
    const answer = await start(agent.secret, {
      trigger: { kind: "ticket", ref: "SUP-42", url: "https://tickets.acme.test/SUP-42" },
      onBehalfOf: "user:alice@acme.test",
      model: {
        provider: "anthropic",
        name: "claude-sonnet",
        systemPromptHash: "sha256:abc",
        toolSchemaVersion: "7",
      },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      runId: expect.stringMatching(/^run_/) as string,
      status: "running",
    });
    const run = await db.run.findUniqueOrThrow({ where: { id: answer.body.runId } });
    expect(run).toMatchObject({
      orgId: org.id,
      agentId: agent.id,
      status: "RUNNING",
      trigger: { kind: "ticket", ref: "SUP-42", url: "https://tickets.acme.test/SUP-42" },
      onBehalfOf: "user:alice@acme.test",
      modelProvider: "anthropic",
      modelName: "claude-sonnet",
      systemPromptHash: "sha256:abc",
      toolSchemaVersion: "7",
      endedAt: null,
    });
    expect(run.startedAt.toISOString()).toBe(answer.body.startedAt);
  });

  it("accepts an empty body and a token instead of the credential", async () => {
    const agent = await seedAgent(org);
    expect((await start(agent.secret)).status).toBe(201);
    const token = await call<{ token: string }>(runtime.url, "POST", "/api/token", { bearer: agent.secret });
    const answer = await start(token.body.token, {});
    expect(answer.status).toBe(201);
    const run = await db.run.findUniqueOrThrow({ where: { id: answer.body.runId } });
    expect(run.agentId).toBe(agent.id);
  });

  it("groups decisions: /api/decide accepts the run of its own agent only", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    const other = await seedAgent(org, { grants: [githubGrant()] });
    const { body } = await start(agent.secret);
    const answer = await decide(runtime.url, agent.secret, mergeRequest({ runId: body.runId }));
    expect(answer.body.decision).toBe("allow");
    const row = await db.decision.findUniqueOrThrow({ where: { id: answer.body.decisionId! } });
    expect(row.runId).toBe(body.runId);
    const foreign = await decide(runtime.url, other.secret, mergeRequest({ runId: body.runId }));
    expect(foreign.status).toBe(400);
  });

  it.each([
    ["an unknown field", { trigger: { kind: "user" }, agentId: "agt_x" }],
    ["an unknown trigger kind", { trigger: { kind: "cron" } }],
    ["a javascript: link", { trigger: { kind: "webhook", url: "javascript:alert(1)" } }],
    ["an unknown model field", { model: { name: "x", temperature: 1 } }],
    ["a NUL character", { trigger: { kind: "user", ref: "a\u0000b" } }],
    ["a duplicate key", '{"onBehalfOf":"user:a","onBehalfOf":"user:b"}'],
    ["not JSON", "{trigger"],
    ["an array", "[]"],
  ])("refuses %s with 400 INVALID_REQUEST", async (_label, body) => {
    const agent = await seedAgent(org);
    const answer = await start(agent.secret, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe("INVALID_REQUEST");
  });

  it("refuses a body over 64 KB (413) and a missing or wrong credential (401)", async () => {
    const agent = await seedAgent(org);
    const big = await start(agent.secret, { trigger: { kind: "user", ref: "x".repeat(70_000) } });
    expect(big.status).toBe(413);
    expect(big.body.error?.code).toBe("PAYLOAD_TOO_LARGE");
    for (const bearer of [undefined, "wdn_nope_nope", "not-a-token"]) {
      const answer = await call(runtime.url, "POST", "/api/runs", { bearer, body: {} });
      expect(answer.status).toBe(401);
      expect(answer.body.error?.code).toBe("AUTHENTICATION_FAILED");
    }
    expect((await call(runtime.url, "GET", "/api/runs", { bearer: agent.secret })).status).toBe(405);
  });

  it("starts no run for a stopped agent (403 with the kill switch's reason code)", async () => {
    const paused = await seedAgent(org);
    await db.agent.update({ where: { id: paused.id }, data: { status: "PAUSED" } });
    const frozenOrg = await createDecideOrg();
    const inFrozenEnv = await seedAgent(frozenOrg, { env: "staging" });
    await db.environment.update({ where: { id: frozenOrg.env.staging }, data: { frozen: true } });
    const stoppedOrg = await createDecideOrg();
    const inStoppedOrg = await seedAgent(stoppedOrg);
    await db.organization.update({ where: { id: stoppedOrg.id }, data: { frozen: true } });
    await Promise.all([bump(org.id), bump(frozenOrg.id), bump(stoppedOrg.id)]);
    for (const [agent, code] of [
      [paused, "AGENT_PAUSED"],
      [inFrozenEnv, "ENVIRONMENT_FROZEN"],
      [inStoppedOrg, "ORG_FROZEN"],
    ] as const) {
      const answer = await start(agent.secret, {});
      expect(answer.status, code).toBe(403);
      expect(answer.body.error).toMatchObject({ code, message: expect.any(String) as string });
    }
    const elsewhere = await seedAgent(org);
    const mismatch = await start(elsewhere.secret, {}, { "x-warden-environment": "prod" });
    expect(mismatch.status).toBe(403);
    expect(mismatch.body.error?.code).toBe("ENVIRONMENT_MISMATCH");
    expect(
      await db.run.count({ where: { agentId: { in: [paused.id, inFrozenEnv.id, elsewhere.id] } } }),
    ).toBe(0);
  });
});

describe("POST /api/runs/{id}/end", () => {
  const end = (bearer: string, runId: string, body: unknown) =>
    call<{ runId: string; status: string; endedAt: string }>(runtime.url, "POST", `/api/runs/${runId}/end`, {
      bearer,
      body,
    });

  it("ends the run once, by its own agent", async () => {
    const agent = await seedAgent(org);
    const { body } = await start(agent.secret);
    const answer = await end(agent.secret, body.runId, { status: "succeeded", summary: "Merged #42." });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ runId: body.runId, status: "succeeded", startedAt: body.startedAt });
    const run = await db.run.findUniqueOrThrow({ where: { id: body.runId } });
    expect(run).toMatchObject({ status: "SUCCEEDED", summary: "Merged #42." });
    expect(run.endedAt?.toISOString()).toBe(answer.body.endedAt);

    const again = await end(agent.secret, body.runId, { status: "failed" });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe("CONFLICT");
    expect((await db.run.findUniqueOrThrow({ where: { id: body.runId } })).status).toBe("SUCCEEDED");
  });

  it("of two concurrent ends, exactly one wins", async () => {
    const agent = await seedAgent(org);
    const { body } = await start(agent.secret);
    const answers = await Promise.all(
      (["succeeded", "failed", "cancelled", "failed"] as const).map((status) =>
        end(agent.secret, body.runId, { status }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
  });

  it("hides other agents' runs (404) and refuses bad bodies (400)", async () => {
    const agent = await seedAgent(org);
    const other = await seedAgent(org);
    const { body } = await start(agent.secret);
    for (const [bearer, runId] of [
      [other.secret, body.runId],
      [agent.secret, "run_doesnotexist"],
      [agent.secret, "not-a-run-id"],
    ] as const) {
      const answer = await end(bearer, runId, { status: "failed" });
      expect(answer.status, runId).toBe(404);
      expect(answer.body.error?.code).toBe("NOT_FOUND");
    }
    expect((await end(agent.secret, body.runId, { status: "done" })).status).toBe(400);
    expect((await end(agent.secret, body.runId, { status: "failed", extra: 1 })).status).toBe(400);
    expect((await end(agent.secret, body.runId, {})).status).toBe(400);
    expect((await db.run.findUniqueOrThrow({ where: { id: body.runId } })).status).toBe("RUNNING");
  });

  it("lets a paused agent end its run: ending is a report, not an action", async () => {
    const agent = await seedAgent(org);
    const { body } = await start(agent.secret);
    await db.agent.update({ where: { id: agent.id }, data: { status: "PAUSED" } });
    await bump(org.id);
    const answer = await end(agent.secret, body.runId, {
      status: "cancelled",
      summary: "Paused by security.",
    });
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe("cancelled");
  });
});
