// Decisions name a run: only a running run of the caller's own agent, refused once it has ended.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { call } from "../__tests__/runtime-calls";
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

async function startRun(secret: string): Promise<string> {
  const answer = await call<{ runId: string }>(runtime.url, "POST", "/api/runs", {
    bearer: secret,
    body: {},
  });
  expect(answer.status).toBe(201);
  return answer.body.runId;
}

const decisionsOfRun = (runId: string) => db.decision.count({ where: { runId } });

describe("a decision for a run", () => {
  it("is evaluated while the run is running, and refused with 409 RUN_ENDED once it ended here", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    const runId = await startRun(agent.secret);
    expect(code(await decide(runtime.url, agent.secret, mergeRequest({ runId })))).toBe("ALLOWED_BY_GRANT");
    expect(await decisionsOfRun(runId)).toBe(1);

    const ended = await call(runtime.url, "POST", `/api/runs/${runId}/end`, {
      bearer: agent.secret,
      body: { status: "succeeded" },
    });
    expect(ended.status).toBe(200);

    // Ended through this instance: refused at once, although the run was cached as running.
    const refused = await decide(runtime.url, agent.secret, mergeRequest({ runId }));
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe("RUN_ENDED");
    expect(refused.body.error?.message).toContain("already ended");
    // Refused before policy: nothing recorded, no quota used.
    expect(await decisionsOfRun(runId)).toBe(1);
    // Other runs of the agent, and decisions without a run, are unaffected.
    const next = await startRun(agent.secret);
    expect(code(await decide(runtime.url, agent.secret, mergeRequest({ runId: next })))).toBe(
      "ALLOWED_BY_GRANT",
    );
    expect(code(await decide(runtime.url, agent.secret, mergeRequest()))).toBe("ALLOWED_BY_GRANT");
  });

  it("is refused before policy: an action no grant covers still answers RUN_ENDED", async () => {
    const agent = await seedAgent(org, { grants: [] });
    const runId = await startRun(agent.secret);
    await db.run.update({ where: { id: runId }, data: { status: "FAILED", endedAt: new Date() } });
    const refused = await decide(runtime.url, agent.secret, mergeRequest({ runId }));
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe("RUN_ENDED");
    expect(refused.body.error?.message).toContain("(failed)");
    expect(await decisionsOfRun(runId)).toBe(0);
  });

  it("is refused within a second when the run is ended elsewhere (another instance)", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    const runId = await startRun(agent.secret);
    // Cached here as running.
    expect(code(await decide(runtime.url, agent.secret, mergeRequest({ runId })))).toBe("ALLOWED_BY_GRANT");
    await db.run.update({ where: { id: runId }, data: { status: "CANCELLED", endedAt: new Date() } });
    const endedAt = Date.now();
    let answer = await decide(runtime.url, agent.secret, mergeRequest({ runId }));
    while (answer.status === 200 && Date.now() - endedAt < 3_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await decide(runtime.url, agent.secret, mergeRequest({ runId }));
    }
    expect(answer.body.error?.code).toBe("RUN_ENDED");
    expect(Date.now() - endedAt).toBeLessThan(1_500);
  });

  it("of another agent, or unknown, stays INVALID_REQUEST (400)", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    const other = await seedAgent(org, { grants: [githubGrant()] });
    const runId = await startRun(other.secret);
    for (const id of [runId, "run_doesnotexist"]) {
      const answer = await decide(runtime.url, agent.secret, mergeRequest({ runId: id }));
      expect(answer.status, id).toBe(400);
      expect(answer.body.error?.code).toBe("INVALID_REQUEST");
    }
  });
});
