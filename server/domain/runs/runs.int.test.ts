// Runs list, run story and export against a real runtime and Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import {
  createDecideOrg,
  seedAgent,
  startRuntime,
  type DecideOrg,
  type RunningRuntime,
} from "@/server/runtime/__tests__/runtime-harness";
import { callerAs } from "@/test/factories";
import type { MemberContext } from "../auth/permissions";
import { prepareRunExport } from "./export-run";
import { bulkRun, tellStory, type Story } from "./run-story-support";

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

const asMember = (m: DecideOrg["auditor"], orgId: string): MemberContext => ({
  id: m.id,
  orgId,
  userId: m.userId,
  email: m.email,
  roles: m.roles,
});

async function collect(chunks: AsyncGenerator<string>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}

describe("runs.list", () => {
  it("lists runs with counts, and filters by agent, status, denials, approvals and time", async () => {
    const quiet = await seedAgent(org, { grants: [] });
    const started = await db.run.create({ data: { orgId: org.id, agentId: quiet.id } });
    const caller = callerAs(org.auditor, org.id);

    const all = await caller.runs.list({});
    const listed = all.items.find((r) => r.id === story.runId)!;
    expect(listed.status).toBe("SUCCEEDED");
    expect(listed.counts).toEqual({ decisions: 3, denials: 1, approvals: 1 });
    expect(all.items.find((r) => r.id === started.id)!.counts).toEqual({
      decisions: 0,
      denials: 0,
      approvals: 0,
    });

    const ids = async (input: Parameters<typeof caller.runs.list>[0]) =>
      (await caller.runs.list(input)).items.map((r) => r.id);
    expect(await ids({ agentId: story.agent.id })).toEqual([story.runId]);
    expect(await ids({ status: "RUNNING" })).toEqual([started.id]);
    expect(await ids({ hasDenials: true })).toEqual([story.runId]);
    expect(await ids({ hasDenials: false })).toEqual([started.id]);
    expect(await ids({ hasApprovals: true })).toEqual([story.runId]);
    expect(await ids({ environmentId: org.env.prod })).toEqual([]);
    expect(await ids({ environmentId: org.env.dev, agentId: quiet.id })).toEqual([started.id]);
    expect(await ids({ from: new Date(Date.now() + 60_000) })).toEqual([]);
    expect((await ids({ since: "1h" })).sort()).toEqual([story.runId, started.id].sort());
    expect((await ids({ to: new Date(Date.now() + 60_000) })).sort()).toEqual(
      [story.runId, started.id].sort(),
    );
    // Tenancy: another org sees none of these runs.
    expect(await callerAs(other.admin, other.id).runs.list({})).toEqual({ items: [], nextCursor: null });
  });

  it("pages by keyset on (startedAt, id) without gaps or repeats, ties included", async () => {
    const agent = await seedAgent(org, { grants: [] });
    const same = new Date("2026-11-01T10:00:00.000Z");
    for (let i = 0; i < 7; i++) {
      await db.run.create({
        data: {
          orgId: org.id,
          agentId: agent.id,
          startedAt: i < 4 ? same : new Date(same.getTime() + i * 1000),
        },
      });
    }
    const caller = callerAs(org.owner, org.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof caller.runs.list>> = await caller.runs.list({
        agentId: agent.id,
        limit: 3,
        cursor,
      });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    const rows = await db.run.findMany({
      where: { agentId: agent.id },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(seen).toEqual(rows.map((r) => r.id));
    await expect(caller.runs.list({ cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("the run story", () => {
  it("tells trigger, model, decisions with reasons, approval votes and outcomes in time order", async () => {
    const caller = callerAs(org.auditor, org.id);
    const run = await caller.runs.get({ id: story.runId });
    expect(run).toMatchObject({
      status: "SUCCEEDED",
      summary: "Merged #42.",
      onBehalfOf: "user:alice@acme.test",
      trigger: { kind: "ticket", ref: "OPS-42", url: "https://tickets.acme.test/OPS-42" },
      model: {
        provider: "anthropic",
        name: "claude-test",
        systemPromptHash: "sha256:abc",
        toolSchemaVersion: "v7",
      },
      counts: { decisions: 3, denials: 1, approvals: 1, sideEffects: 1, errors: 0, events: 2 },
    });
    const { entries, nextCursor } = await caller.runs.timeline({ runId: story.runId });
    expect(nextCursor).toBeNull();
    expect(entries.map((e) => (e.type === "decision" ? `${e.decision}:${e.reasonCode}` : e.kind))).toEqual([
      "allow:ALLOWED_BY_GRANT",
      "OUTCOME",
      "SIDE_EFFECT",
      "deny:NO_MATCHING_GRANT",
      "require_approval:APPROVAL_REQUIRED",
    ]);
    const deny = entries.find((e) => e.id === story.denyId)!;
    expect(deny).toMatchObject({ tool: "stripe", operation: "refunds.create", resource: "customer:cus_1" });
    expect(deny.type === "decision" && deny.reason).toMatch(/no grant of this agent covers/);
    const sideEffect = entries.find((e) => e.type === "event" && e.kind === "SIDE_EFFECT");
    expect(sideEffect).toMatchObject({ externalUrl: "https://github.com/acme/web/pull/42" });
    const asked = entries.find((e) => e.id === story.approvalDecisionId);
    expect(asked?.type === "decision" && asked.approval).toMatchObject({
      id: story.approvalId,
      status: "APPROVED",
      votes: [
        { vote: "APPROVE", comment: "Archived repo, fine to delete.", voter: { email: org.security.email } },
      ],
    });
    for (let i = 1; i < entries.length; i++) {
      expect(entries[i]!.at.getTime()).toBeGreaterThanOrEqual(entries[i - 1]!.at.getTime());
    }
  });

  it("answers NOT_FOUND for another org's run, on every read", async () => {
    const stranger = callerAs(other.auditor, other.id);
    await expect(stranger.runs.get({ id: story.runId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(stranger.runs.timeline({ runId: story.runId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      prepareRunExport(db, asMember(other.auditor, other.id), { runId: story.runId, format: "json" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("pages a 10,000-entry run by keyset, each page quickly, in order", async () => {
    const agent = await seedAgent(org, { grants: [] });
    const runId = await bulkRun(org, agent.id, 10_000);
    const caller = callerAs(org.auditor, org.id);
    const t0 = performance.now();
    const header = await caller.runs.get({ id: runId });
    const headerMs = performance.now() - t0;
    expect(header.counts.decisions + header.counts.events).toBe(10_000);
    let cursor: string | null = null;
    let total = 0;
    let slowest = 0;
    let previous = 0;
    do {
      const started = performance.now();
      const page: Awaited<ReturnType<typeof caller.runs.timeline>> = await caller.runs.timeline({
        runId,
        cursor,
      });
      slowest = Math.max(slowest, performance.now() - started);
      for (const entry of page.entries) {
        expect(entry.at.getTime()).toBeGreaterThanOrEqual(previous);
        previous = entry.at.getTime();
      }
      total += page.entries.length;
      cursor = page.nextCursor;
    } while (cursor);
    expect(total).toBe(10_000);
    console.log(
      `10k-entry run: header ${headerMs.toFixed(0)} ms, slowest timeline page ${slowest.toFixed(0)} ms`,
    );
    expect(slowest).toBeLessThan(1500);
  });
});

describe("run export", () => {
  it("writes one JSON document and JSON Lines with the same entries; AUDITOR may export", async () => {
    const auditor = asMember(org.auditor, org.id);
    const json = await prepareRunExport(db, auditor, { runId: story.runId, format: "json" });
    expect(json.filename).toBe(`${story.runId}.json`);
    const doc = JSON.parse(await collect(json.chunks)) as {
      format: string;
      run: { id: string; model: { name: string } };
      timeline: { type: string; id: string; reason?: string; externalUrl?: string | null }[];
    };
    expect(doc.format).toBe("warden.run-export/1");
    expect(doc.run).toMatchObject({ id: story.runId, model: { name: "claude-test" } });
    expect(doc.timeline).toHaveLength(5);

    const jsonl = await prepareRunExport(db, auditor, { runId: story.runId, format: "jsonl" });
    const lines = (await collect(jsonl.chunks))
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; id: string });
    expect(lines[0]).toMatchObject({ type: "run", id: story.runId });
    expect(lines.slice(1).map((l) => l.id)).toEqual(doc.timeline.map((e) => e.id));
  });

  it("streams a 10,000-entry run in pages and still parses", async () => {
    const agent = await seedAgent(org, { grants: [] });
    const runId = await bulkRun(org, agent.id, 10_000);
    const exported = await prepareRunExport(db, asMember(org.admin, org.id), { runId, format: "jsonl" });
    let chunks = 0;
    let lines = 0;
    for await (const chunk of exported.chunks) {
      chunks += 1;
      lines += chunk.split("\n").filter(Boolean).length;
    }
    expect(lines).toBe(10_001);
    expect(chunks).toBeGreaterThan(20);
  });

  it("refuses a member without roles (removed)", async () => {
    const removed = { ...asMember(org.auditor, org.id), roles: [] };
    await expect(prepareRunExport(db, removed, { runId: story.runId, format: "json" })).rejects.toMatchObject(
      {
        code: "FORBIDDEN",
      },
    );
  });
});
