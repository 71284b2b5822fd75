// POST /api/decisions/{id}/outcome over real HTTP: outcomes become run events, once per decision.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import {
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

type Reported = { decisionId: string; runId: string; status: string; events: { id: string; kind: string }[] };
const report = (bearer: string, decisionId: string, body: unknown) =>
  call<Reported>(runtime.url, "POST", `/api/decisions/${decisionId}/outcome`, { bearer, body });

async function allowedInRun(agent?: SeededAgent) {
  const who = agent ?? (await seedAgent(org, { grants: [githubGrant()] }));
  const run = await call<{ runId: string }>(runtime.url, "POST", "/api/runs", {
    bearer: who.secret,
    body: {},
  });
  const answer = await decide(runtime.url, who.secret, mergeRequest({ runId: run.body.runId }));
  expect(answer.body.decision).toBe("allow");
  return { agent: who, runId: run.body.runId, decisionId: answer.body.decisionId! };
}

const digest = createHash("sha256").update('{"merged":true}').digest("hex");

describe("POST /api/decisions/{id}/outcome", () => {
  it("records the outcome and each side effect as run events, once", async () => {
    const { agent, runId, decisionId } = await allowedInRun();
    const answer = await report(agent.secret, decisionId, {
      status: "success",
      resultDigest: digest.toUpperCase(),
      sideEffects: [
        {
          kind: "github.pull_request",
          url: "https://github.com/acme/web/pull/42",
          externalId: "42",
          description: "Merged",
        },
        { kind: "slack.message", url: "https://acme.slack.com/archives/C1/p1" },
      ],
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ decisionId, runId, status: "success" });
    expect(answer.body.events.map((e) => e.kind)).toEqual(["OUTCOME", "SIDE_EFFECT", "SIDE_EFFECT"]);
    const events = await db.runEvent.findMany({ where: { decisionId }, orderBy: { id: "asc" } });
    expect(events).toHaveLength(3);
    const byKind = (kind: string) => events.filter((e) => e.kind === kind);
    expect(byKind("OUTCOME")[0]).toMatchObject({
      runId,
      agentId: agent.id,
      orgId: org.id,
      status: "success",
      resultDigest: digest,
    });
    expect(
      byKind("SIDE_EFFECT")
        .map((e) => e.externalUrl)
        .sort(),
    ).toEqual(["https://acme.slack.com/archives/C1/p1", "https://github.com/acme/web/pull/42"]);
    expect(byKind("SIDE_EFFECT").find((e) => e.summary === "Merged")?.data).toEqual({
      kind: "github.pull_request",
      externalId: "42",
    });

    const again = await report(agent.secret, decisionId, { status: "success" });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe("CONFLICT");
    expect(await db.runEvent.count({ where: { decisionId } })).toBe(3);
  });

  it("records an error outcome with an ERROR event", async () => {
    const { agent, decisionId } = await allowedInRun();
    const answer = await report(agent.secret, decisionId, {
      status: "error",
      error: { message: "GitHub answered 502", code: "UPSTREAM_502" },
    });
    expect(answer.status).toBe(201);
    const events = await db.runEvent.findMany({ where: { decisionId } });
    expect(events.map((e) => e.kind).sort()).toEqual(["ERROR", "OUTCOME"]);
    expect(events.find((e) => e.kind === "ERROR")).toMatchObject({
      status: "error",
      summary: "GitHub answered 502",
      data: { code: "UPSTREAM_502" },
    });
  });

  it("of concurrent reports of one decision, exactly one is recorded", async () => {
    const { agent, decisionId } = await allowedInRun();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => report(agent.secret, decisionId, { status: "success" })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await db.runEvent.count({ where: { decisionId, kind: "OUTCOME" } })).toBe(1);
  });

  it("has no outcome for a decision outside a run or one that did not allow (409)", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    const outside = await decide(runtime.url, agent.secret, mergeRequest());
    const noRun = await report(agent.secret, outside.body.decisionId!, { status: "success" });
    expect(noRun.status).toBe(409);
    expect(noRun.body.error?.message).toMatch(/run/);

    const run = await call<{ runId: string }>(runtime.url, "POST", "/api/runs", {
      bearer: agent.secret,
      body: {},
    });
    const denied = await decide(
      runtime.url,
      agent.secret,
      mergeRequest({ runId: run.body.runId, resource: "repo:other/x" }),
    );
    expect(denied.body.decision).toBe("deny");
    const refused = await report(agent.secret, denied.body.decisionId!, { status: "success" });
    expect(refused.status).toBe(409);
    expect(await db.runEvent.count({ where: { agentId: agent.id } })).toBe(0);
  });

  it("hides other agents' decisions and unknown ids (404)", async () => {
    const { decisionId } = await allowedInRun();
    const other = await seedAgent(org);
    for (const [bearer, id] of [
      [other.secret, decisionId],
      [other.secret, "dec_doesnotexist"],
      [other.secret, "../runs"],
    ] as const) {
      const answer = await report(bearer, encodeURIComponent(id), { status: "success" });
      expect(answer.status, id).toBe(404);
    }
    expect(await db.runEvent.count({ where: { decisionId } })).toBe(0);
  });

  it.each([
    ["success with an error", { status: "success", error: { message: "x" } }],
    ["an unknown status", { status: "ok" }],
    ["a digest that is not SHA-256 hex", { status: "success", resultDigest: "abc" }],
    ["a non-http link", { status: "success", sideEffects: [{ kind: "x", url: "ftp://files.acme.test/a" }] }],
    ["a javascript: link", { status: "success", sideEffects: [{ kind: "x", url: "javascript:alert(1)" }] }],
    [
      "51 side effects",
      { status: "success", sideEffects: Array.from({ length: 51 }, () => ({ kind: "x" })) },
    ],
    ["an unknown side-effect field", { status: "success", sideEffects: [{ kind: "x", secret: "y" }] }],
    ["a lone surrogate", '{"status":"error","error":{"message":"\\ud800"}}'],
  ])("refuses %s with 400", async (_label, body) => {
    const { agent, decisionId } = await allowedInRun();
    const answer = await report(agent.secret, decisionId, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe("INVALID_REQUEST");
    expect(await db.runEvent.count({ where: { decisionId } })).toBe(0);
  });

  it("accepts 50 side effects and refuses an oversize body (413) and no credential (401)", async () => {
    const { agent, decisionId } = await allowedInRun();
    const many = Array.from({ length: 50 }, (_, i) => ({
      kind: "slack.message",
      url: `https://acme.slack.com/p${i}`,
    }));
    const huge = await report(agent.secret, decisionId, {
      status: "success",
      sideEffects: [{ kind: "x", description: "y".repeat(70_000) }],
    });
    expect(huge.status).toBe(413);
    expect((await report("", decisionId, { status: "success" })).status).toBe(401);
    const answer = await report(agent.secret, decisionId, { status: "success", sideEffects: many });
    expect(answer.status).toBe(201);
    expect(await db.runEvent.count({ where: { decisionId, kind: "SIDE_EFFECT" } })).toBe(50);
  });
});
