// Incidents through the console's procedures: opened from a kill switch, a run or a decision; a
// timeline that joins the switch, agent, run, decisions, approvals and notes in time order; the
// auditor reads (and exports) but cannot write.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { call } from "@/server/runtime/__tests__/runtime-calls";
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
} from "@/server/runtime/__tests__/runtime-harness";
import { callerAs } from "@/test/factories";
import { exportIncident } from "./export-incident";

let runtime: RunningRuntime;
let org: DecideOrg;
beforeAll(async () => {
  [runtime, org] = await Promise.all([startRuntime(), createDecideOrg()]);
});
afterAll(() => runtime.close());

/** An agent with a run of two decisions: an allow and a deny. */
async function agentWithRun(): Promise<{ agent: SeededAgent; runId: string; decisionIds: string[] }> {
  // Guarded autonomy: merges are allowed within the grant, deletes need a human.
  const agent = await seedAgent(org, { autonomy: 2, grants: [githubGrant()] });
  const started = await call<{ runId: string }>(runtime.url, "POST", "/api/runs", {
    bearer: agent.secret,
    body: {},
  });
  const runId = started.body.runId;
  const allow = await decide(runtime.url, agent.secret, mergeRequest({ runId }));
  const deny = await decide(runtime.url, agent.secret, mergeRequest({ runId, resource: "repo:other/x" }));
  expect([allow.body.decision, deny.body.decision]).toEqual(["allow", "deny"]);
  return { agent, runId, decisionIds: [allow.body.decisionId!, deny.body.decisionId!] };
}

describe("from a kill switch", () => {
  it("links the switch, the agent and its recent run; the timeline joins them with notes in time order", async () => {
    const { agent, runId, decisionIds } = await agentWithRun();
    const security = callerAs(org.security, org.id);
    const engaged = await security.killSwitch.engage({
      scope: "AGENT",
      targetId: agent.id,
      reason: "odd merges",
    });
    const { id } = await security.incidents.open({
      title: "Unexpected merges",
      severity: "critical",
      from: { kind: "KILL_SWITCH", id: engaged.id },
    });
    await security.incidents.addNote({ incidentId: id, body: "Paused the bot; reviewing PR #42." });
    await security.incidents.setStatus({ incidentId: id, status: "MITIGATED", note: "No more merges." });

    const entries = await db.incidentEntry.findMany({ where: { incidentId: id } });
    expect(entries.map((e) => `${e.kind}:${e.refId ?? ""}`).sort()).toEqual(
      [`AGENT:${agent.id}`, `KILL_SWITCH:${engaged.id}`, "NOTE:", `RUN:${runId}`, "STATUS:"].sort(),
    );

    const detail = await callerAs(org.auditor, org.id).incidents.get({ id });
    expect(detail.canWrite).toBe(false);
    expect(detail.incident).toMatchObject({
      title: "Unexpected merges",
      severity: "critical",
      status: "MITIGATED",
    });
    expect(detail.links.runs.map((r) => r.id)).toEqual([runId]);
    expect(detail.links.agents.map((a) => a.id)).toEqual([agent.id]);
    const times = detail.timeline.map((t) => t.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const kinds = detail.timeline.map((t) => t.kind);
    expect(kinds.indexOf("run.started")).toBeLessThan(kinds.indexOf("decision"));
    expect(kinds.indexOf("decision")).toBeLessThan(kinds.indexOf("kill_switch.engaged"));
    expect(kinds.indexOf("kill_switch.engaged")).toBeLessThan(kinds.indexOf("note"));
    expect(kinds.indexOf("note")).toBeLessThan(kinds.indexOf("status"));
    const decisions = detail.timeline.filter((t) => t.kind === "decision");
    expect(decisions.map((d) => d.refId)).toEqual(decisionIds);
    expect(decisions.map((d) => d.outcome)).toEqual(["allow", "deny"]);
    expect(decisions.every((d) => d.href === `/runs/${runId}`)).toBe(true);
    expect(detail.timeline.find((t) => t.kind === "note")).toMatchObject({
      actor: org.security.email,
      detail: "Paused the bot; reviewing PR #42.",
    });
    expect(detail.timeline.find((t) => t.kind === "status")?.detail).toBe(
      "Open → Mitigated: No more merges.",
    );
    expect(detail.timeline.some((t) => t.kind === "agent.event")).toBe(false);

    await security.killSwitch.release({ id: engaged.id, reason: "bot fixed" });
    const later = await security.incidents.get({ id });
    expect(later.timeline.at(-1)).toMatchObject({ kind: "kill_switch.released", detail: "bot fixed" });
  });

  it("shows the approvals the switch cancelled", async () => {
    const { agent, runId } = await agentWithRun();
    const approval = await decide(
      runtime.url,
      agent.secret,
      mergeRequest({ runId, operation: "repos.delete" }),
    );
    expect(approval.body.decision).toBe("require_approval");
    const security = callerAs(org.security, org.id);
    const engaged = await security.killSwitch.engage({
      scope: "AGENT",
      targetId: agent.id,
      reason: "stop deletes",
    });
    const { id } = await security.incidents.open({
      title: "Deletes",
      severity: "high",
      from: { kind: "KILL_SWITCH", id: engaged.id },
    });
    const detail = await security.incidents.get({ id });
    const decided = detail.timeline.find((t) => t.kind === "approval.decided");
    expect(decided).toMatchObject({ refId: approval.body.approval!.id, outcome: "cancelled" });
  });
});

describe("from a run or a decision, and more links", () => {
  it("a decision brings its run and agent; linking twice is refused; another org's item is not found", async () => {
    const { agent, runId, decisionIds } = await agentWithRun();
    const admin = callerAs(org.admin, org.id);
    const { id } = await admin.incidents.open({
      title: "A denial",
      severity: "low",
      from: { kind: "DECISION", id: decisionIds[1]! },
    });
    const links = await db.incidentEntry.findMany({
      where: { incidentId: id },
      select: { kind: true, refId: true },
    });
    expect(links).toEqual(
      expect.arrayContaining([
        { kind: "DECISION", refId: decisionIds[1] },
        { kind: "AGENT", refId: agent.id },
        { kind: "RUN", refId: runId },
      ]),
    );
    await expect(admin.incidents.link({ incidentId: id, kind: "RUN", refId: runId })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const other = await createDecideOrg();
    const stranger = await seedAgent(other);
    await expect(
      admin.incidents.link({ incidentId: id, kind: "AGENT", refId: stranger.id }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(callerAs(other.admin, other.id).incidents.get({ id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("a run, resolved with a status history", async () => {
    const { runId } = await agentWithRun();
    const security = callerAs(org.security, org.id);
    const { id } = await security.incidents.open({
      title: "Run review",
      severity: "medium",
      from: { kind: "RUN", id: runId },
    });
    await security.incidents.setStatus({ incidentId: id, status: "RESOLVED" });
    await expect(security.incidents.setStatus({ incidentId: id, status: "RESOLVED" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    const row = await db.incident.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("RESOLVED");
    expect(row.resolvedAt).not.toBeNull();
    const list = await callerAs(org.auditor, org.id).incidents.list({ status: "RESOLVED" });
    expect(list.incidents.map((i) => i.id)).toContain(id);
    expect(list.canWrite).toBe(false);
  });

  it("validates fields", async () => {
    const security = callerAs(org.security, org.id);
    await expect(security.incidents.open({ title: "x", severity: "high" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      security.incidents.open({ title: "Fine title", severity: "urgent" as "high" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("read-only for the auditor, and export", () => {
  it("AUDITOR and OWNER cannot open, note, link or change status; the auditor exports JSON and Markdown", async () => {
    const { runId } = await agentWithRun();
    const { id } = await callerAs(org.security, org.id).incidents.open({
      title: "Export *me* | [now](x)",
      severity: "high",
      from: { kind: "RUN", id: runId },
    });
    await callerAs(org.security, org.id).incidents.addNote({ incidentId: id, body: "line one\nline | two" });
    for (const member of [org.auditor, org.owner]) {
      const caller = callerAs(member, org.id);
      const forbidden = { code: "FORBIDDEN" };
      await expect(caller.incidents.open({ title: "Nope", severity: "low" })).rejects.toMatchObject(
        forbidden,
      );
      await expect(caller.incidents.addNote({ incidentId: id, body: "nope" })).rejects.toMatchObject(
        forbidden,
      );
      await expect(
        caller.incidents.link({ incidentId: id, kind: "RUN", refId: runId }),
      ).rejects.toMatchObject(forbidden);
      await expect(caller.incidents.setStatus({ incidentId: id, status: "RESOLVED" })).rejects.toMatchObject(
        forbidden,
      );
    }
    expect(await db.incidentEntry.count({ where: { incidentId: id, kind: "NOTE" } })).toBe(1);

    const auditor = { ...org.auditor, orgId: org.id };
    const json = await exportIncident(db, auditor, id, "json");
    const parsed = JSON.parse(json.body) as {
      incident: { id: string };
      timeline: { kind: string }[];
      exportedBy: string;
    };
    expect(parsed.incident.id).toBe(id);
    expect(parsed.exportedBy).toBe(org.auditor.email);
    expect(parsed.timeline.map((t) => t.kind)).toEqual(
      expect.arrayContaining(["run.started", "decision", "note"]),
    );
    expect(parsed).not.toHaveProperty("canWrite");
    const md = await exportIncident(db, auditor, id, "md");
    expect(md.contentType).toContain("text/markdown");
    expect(md.body).toContain("# Incident: Export \\*me\\* \\| \\[now\\](x)");
    expect(md.body).toContain("line one line \\| two");
    expect(md.body).toContain(`- Runs: ${runId}`);
  });
});
