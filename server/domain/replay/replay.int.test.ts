// What-if replay against real decisions made through the runtime API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "@/server/runtime/__tests__/runtime-calls";
import {
  createDecideOrg,
  decide,
  githubGrant,
  seedAgent,
  startRuntime,
  type DecideOrg,
  type RunningRuntime,
} from "@/server/runtime/__tests__/runtime-harness";
import { failureOf } from "@/server/api/routers/scopes-test-helpers";
import { callerAs } from "@/test/factories";
import { tellStory, type Story } from "../runs/run-story-support";

let runtime: RunningRuntime;
let org: DecideOrg;
let other: DecideOrg;
let story: Story;

beforeAll(async () => {
  runtime = await startRuntime();
  [org, other] = await Promise.all([createDecideOrg(), createDecideOrg()]);
  story = await tellStory(runtime.url, org);
});
afterAll(() => runtime.close());

const runScope = () => ({ kind: "run" as const, runId: story.runId });

describe("replay", () => {
  it("an unchanged draft changes nothing", async () => {
    const caller = callerAs(org.auditor, org.id);
    const { text } = await caller.replay.currentDraft({ agentId: story.agent.id });
    expect(text).toContain('operation: "github:pulls.*"');
    const result = await caller.replay.simulate({ agentId: story.agent.id, draft: text, scope: runScope() });
    expect(result.totals).toMatchObject({ replayed: 3, changed: 0 });
    expect(result.totals.before).toEqual({ allow: 1, deny: 1, require_approval: 1 });
    expect(result.rows).toEqual([]);
  });

  it("a draft that removes a grant turns its allows into NO_MATCHING_GRANT", async () => {
    const draft = `grants:\n  - { operation: "github:repos.delete", resources: ["repo:acme/*"], approval: always }\nquotas: []\n`;
    const result = await callerAs(org.owner, org.id).replay.simulate({
      agentId: story.agent.id,
      draft,
      scope: runScope(),
    });
    expect(result.totals).toMatchObject({ replayed: 3, changed: 1, transitions: { "allow → deny": 1 } });
    expect(result.rows).toMatchObject([
      {
        decisionId: story.allowId,
        recorded: { decision: "allow", code: "ALLOWED_BY_GRANT" },
        before: { decision: "allow", code: "ALLOWED_BY_GRANT" },
        after: { decision: "deny", code: "NO_MATCHING_GRANT" },
      },
    ]);
  });

  it("a draft lowering a quota turns later allows into QUOTA_EXCEEDED, counting in order", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant({ operationPattern: "github:pulls.*" })] });
    const run = await call<{ runId: string }>(runtime.url, "POST", "/api/runs", {
      bearer: agent.secret,
      body: {},
    });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = await decide(runtime.url, agent.secret, {
        runId: run.body.runId,
        tool: "github",
        operation: "pulls.merge",
        resource: "repo:acme/web",
        params: { number: i },
      });
      expect(answer.body.decision).toBe("allow");
      ids.push(answer.body.decisionId!);
    }
    const caller = callerAs(org.security, org.id);
    const { text } = await caller.replay.currentDraft({ agentId: agent.id });
    const draft = text.replace(/quotas: \[\]/, "quotas:\n  - { metric: writes, window: run, limit: 2 }");
    expect(draft).toContain("limit: 2");
    const result = await caller.replay.simulate({
      agentId: agent.id,
      draft,
      scope: { kind: "run", runId: run.body.runId },
    });
    expect(result.totals).toMatchObject({ replayed: 5, changed: 3 });
    expect(result.rows.map((r) => [r.decisionId, r.after.code])).toEqual(
      ids.slice(2).map((id) => [id, "QUOTA_EXCEEDED"]),
    );
    // The last N days of the agent give the same answer here (all its decisions are in this run).
    const days = await caller.replay.simulate({ agentId: agent.id, draft, scope: { kind: "days", days: 1 } });
    expect(days.totals).toMatchObject({ replayed: 5, changed: 3 });
    expect(days.capped).toBe(false);
  });

  it("reports every problem of an invalid draft by its path", async () => {
    const caller = callerAs(org.auditor, org.id);
    const error = await failureOf(
      caller.replay.simulate({
        agentId: story.agent.id,
        draft:
          "grants:\n  - { operation: nope, resources: [] }\nquotas:\n  - { metric: calls, window: week, limit: 1 }\n",
        scope: runScope(),
      }),
    );
    expect(error).toMatchObject({ code: "BAD_REQUEST", appCode: "INVALID_REQUEST" });
    expect(error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(["grants[0].operation", "grants[0].resources", "quotas[0].window"]),
    );
    await expect(
      caller.replay.simulate({ agentId: story.agent.id, draft: "grants: [", scope: runScope() }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("keeps to the org: another org's agent or run is NOT_FOUND", async () => {
    const stranger = callerAs(other.admin, other.id);
    await expect(stranger.replay.currentDraft({ agentId: story.agent.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      stranger.replay.simulate({ agentId: story.agent.id, draft: "grants: []", scope: runScope() }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const theirs = await seedAgent(other, { grants: [] });
    await expect(
      stranger.replay.simulate({ agentId: theirs.id, draft: "grants: []", scope: runScope() }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets every role simulate (org:read) and refuses too many days", async () => {
    for (const member of [org.admin, org.security, org.owner, org.otherOwner, org.auditor]) {
      const result = await callerAs(member, org.id).replay.simulate({
        agentId: story.agent.id,
        draft: "grants: []",
        scope: { kind: "days", days: 30 },
      });
      expect(result.totals.replayed).toBe(3);
    }
    await expect(
      callerAs(org.admin, org.id).replay.simulate({
        agentId: story.agent.id,
        draft: "grants: []",
        scope: { kind: "days", days: 31 },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
