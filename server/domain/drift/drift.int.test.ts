import { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { callerAs, createTestOrg, type TestMember, type TestOrg } from "@/test/factories";
import { appendDecisions, catchUp, createTestAgent, draft, testPool } from "../rollups/rollup-test-support";
import { evaluateAgentDrift } from "./evaluate-agent-drift";

const pool = testPool();
afterAll(() => pool.end());

const HOUR = 3_600_000;

/** A week of pulls.list, then a day of merges and refusals on new repositories. */
async function driftingAgent(org: TestOrg, autonomy = 2, environment: "dev" | "prod" = "prod") {
  const agent = await createTestAgent(org.id, org.owner.id, org.env[environment], autonomy);
  const now = Date.now();
  const drafts = [];
  for (let h = 24 * 8; h >= 25; h--) {
    for (let i = 0; i < 3; i++) drafts.push(draft(org.id, agent.id, new Date(now - h * HOUR + i * 60_000)));
  }
  for (let h = 20; h >= 1; h--) {
    for (let i = 0; i < 3; i++) {
      drafts.push(
        draft(org.id, agent.id, new Date(now - h * HOUR + i * 60_000), {
          operation: "pulls.merge",
          effect: "WRITE",
          outcome: i === 0 ? "ALLOW" : "DENY",
          reasonCode: i === 0 ? "ALLOWED_BY_GRANT" : "NO_MATCHING_GRANT",
          resource: `repo:acme/new-${h}`,
        }),
      );
    }
  }
  await appendDecisions(org.id, "drift-test", drafts);
  await catchUp(pool);
  return agent;
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error.code;
}

describe("drift evaluation", () => {
  it("reports the drift and creates each alert once, even when two instances evaluate at once", async () => {
    const org = await createTestOrg();
    const agent = await driftingAgent(org);
    const report = await callerAs(org.auditor, org.id).drift.agent({ agentId: agent.id });
    const breached = report.metrics
      .filter((m) => m.breached)
      .map((m) => m.metric)
      .sort();
    expect(breached).toEqual(["denyRateChange", "mixDivergence", "newResources", "newTools"]);

    const results = await Promise.all(
      [0, 1].map(() => db.$transaction((tx) => evaluateAgentDrift(tx, org.id, agent.id))),
    );
    expect(results.reduce((s, r) => s + r.alertsCreated, 0)).toBe(4);
    await db.$transaction((tx) => evaluateAgentDrift(tx, org.id, agent.id));
    const alerts = await db.driftAlert.findMany({ where: { agentId: agent.id } });
    expect(alerts.map((a) => a.metric).sort()).toEqual(breached);
    const evidence = alerts.find((a) => a.metric === "newTools")!.evidence as {
      items: string[];
      baseline: { calls: number };
      current: { calls: number };
    };
    expect(evidence.items).toEqual(["github:pulls.merge"]);
    expect(evidence.current.calls).toBe(60);
    expect(alerts.every((a) => !a.autoDemoted)).toBe(true);

    // Acknowledging lets a persisting drift fire again.
    const mix = alerts.find((a) => a.metric === "mixDivergence")!;
    await callerAs(org.owner, org.id).drift.acknowledge({ alertId: mix.id });
    const again = await db.$transaction((tx) => evaluateAgentDrift(tx, org.id, agent.id));
    expect(again.alertsCreated).toBe(1);
    const audit = await db.auditEvent.findFirst({
      where: { orgId: org.id, action: "drift_alert.acknowledged" },
    });
    expect(audit?.actorId).toBe(org.owner.userId);
  });

  it("demotes autonomy by one level when opted in, as the system, and a person restores it", async () => {
    const org = await createTestOrg();
    // Outside production: restoring applies at once (production waits for sign-off, below).
    const agent = await driftingAgent(org, 2, "dev");
    const before = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    const settings = (await callerAs(org.owner, org.id).drift.agent({ agentId: agent.id })).settings;
    await callerAs(org.owner, org.id).drift.updateSettings({
      agentId: agent.id,
      settings: { ...settings, autoDemote: true },
    });

    const result = await db.$transaction((tx) => evaluateAgentDrift(tx, org.id, agent.id));
    expect(result.demoted).toBe(true);
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).autonomy).toBe(1);
    const after = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(after.policyVersion).toBeGreaterThan(before.policyVersion);
    const demotion = await db.auditEvent.findFirstOrThrow({
      where: { orgId: org.id, action: "agent.autonomy_demoted" },
    });
    expect(demotion).toMatchObject({ actorType: "SYSTEM", targetId: agent.id, before: { autonomy: 2 } });
    expect(demotion.after).toMatchObject({ autonomy: 1 });
    const demoting = await db.driftAlert.findFirstOrThrow({
      where: { agentId: agent.id, autoDemoted: true },
    });
    expect(demoting.demotedFrom).toBe(2);
    // Open alerts block new ones, so no second demotion.
    expect((await db.$transaction((tx) => evaluateAgentDrift(tx, org.id, agent.id))).demoted).toBe(false);

    expect(await failure(callerAs(org.auditor, org.id).drift.restoreAutonomy({ alertId: demoting.id }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await failure(callerAs(org.otherOwner, org.id).drift.restoreAutonomy({ alertId: demoting.id })),
    ).toBe("FORBIDDEN");
    await callerAs(org.security, org.id).drift.restoreAutonomy({ alertId: demoting.id });
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).autonomy).toBe(2);
    const restored = await db.auditEvent.findFirstOrThrow({
      where: { orgId: org.id, action: "agent.autonomy_restored" },
    });
    expect(restored).toMatchObject({
      actorType: "USER",
      actorId: org.security.userId,
      after: { autonomy: 2 },
    });
    expect(
      await failure(callerAs(org.security, org.id).drift.restoreAutonomy({ alertId: demoting.id })),
    ).toBe("PRECONDITION_FAILED");
  });
});

/** Turns automatic demotion on for the agent (as an admin). */
async function optInToDemotion(org: TestOrg, agentId: string) {
  const caller = callerAs(org.admin, org.id);
  const settings = (await caller.drift.agent({ agentId })).settings;
  await caller.drift.updateSettings({ agentId, settings: { ...settings, autoDemote: true } });
}

/** A drifting agent at `autonomy`, demoted once by the drift job; returns it and the demoting alert. */
async function demotedAgent(org: TestOrg, autonomy: number, environment: "dev" | "prod") {
  const agent = await driftingAgent(org, autonomy, environment);
  await optInToDemotion(org, agent.id);
  expect((await db.$transaction((tx) => evaluateAgentDrift(tx, org.id, agent.id))).demoted).toBe(true);
  const alert = await db.driftAlert.findFirstOrThrow({ where: { agentId: agent.id, autoDemoted: true } });
  expect(alert.demotedFrom).toBe(autonomy);
  expect(await autonomyOf(agent.id)).toBe(autonomy - 1);
  return { agent, alert };
}

const autonomyOf = async (agentId: string) =>
  (await db.agent.findUniqueOrThrow({ where: { id: agentId } })).autonomy;

async function failureMessage(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe("restoring autonomy", () => {
  it("refuses once a person changed the level after the alert, and leaves the alert as it was", async () => {
    const org = await createTestOrg();
    const { agent, alert } = await demotedAgent(org, 3, "prod");
    // Security lowers the agent further (narrowing applies at once, also in production).
    expect(
      (await callerAs(org.security, org.id).agents.update({ id: agent.id, autonomy: 0 })).signOff,
    ).toBeNull();

    const refused = await failureMessage(
      callerAs(org.owner, org.id).drift.restoreAutonomy({ alertId: alert.id }),
    );
    expect(refused).toEqual({
      code: "CONFLICT",
      message: "The agent's autonomy was changed after this alert; set it on the agent's page instead.",
    });
    expect(await autonomyOf(agent.id)).toBe(0);
    const after = await db.driftAlert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(after.restoredAt).toBeNull();
    expect(after.acknowledgedAt).toBeNull();
    expect(await db.changeRequest.count({ where: { agentId: agent.id } })).toBe(0);
    expect(
      await db.auditEvent.count({
        where: {
          orgId: org.id,
          action: { in: ["agent.autonomy_restored", "agent.autonomy_restore_requested"] },
        },
      }),
    ).toBe(0);

    // Raised by hand outside production: restoring would not undo it either, and is refused too.
    const dev = await demotedAgent(org, 2, "dev");
    await callerAs(org.admin, org.id).agents.update({ id: dev.agent.id, autonomy: 3 });
    expect(
      (await failureMessage(callerAs(org.owner, org.id).drift.restoreAutonomy({ alertId: dev.alert.id })))
        .code,
    ).toBe("CONFLICT");
    expect(await autonomyOf(dev.agent.id)).toBe(3);
  });

  it("asks security to sign off raising a production agent, instead of applying it", async () => {
    const org = await createTestOrg();
    const { agent, alert } = await demotedAgent(org, 3, "prod");
    const policyBefore = (await db.organization.findUniqueOrThrow({ where: { id: org.id } })).policyVersion;

    const owner = callerAs(org.owner, org.id);
    const result = await owner.drift.restoreAutonomy({ alertId: alert.id });
    expect(result.autonomy).toBe(2);
    expect(result.signOff?.summary).toBe(`raise autonomy of ${agent.name}: 2 → 3`);
    expect(await autonomyOf(agent.id)).toBe(2);
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).policyVersion).toBe(
      policyBefore,
    );
    const request = await db.changeRequest.findUniqueOrThrow({
      where: { id: result.signOff!.changeRequestId },
    });
    expect(request).toMatchObject({
      agentId: agent.id,
      kind: "agent.autonomy",
      status: "PENDING",
      payload: { autonomy: 3 },
      before: { autonomy: 2 },
      requestedById: org.owner.id,
    });
    // The alert is not restored (yet): the change request is the pending restore.
    expect((await db.driftAlert.findUniqueOrThrow({ where: { id: alert.id } })).restoredAt).toBeNull();
    const requested = await db.auditEvent.findFirstOrThrow({
      where: { orgId: org.id, action: "agent.autonomy_restore_requested" },
    });
    expect(requested).toMatchObject({
      actorId: org.owner.userId,
      targetId: agent.id,
      before: { autonomy: 2 },
      after: { autonomy: 3, alertId: alert.id, changeRequestId: request.id },
    });
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "agent.autonomy_restored" } })).toBe(
      0,
    );

    // Asking again while it is pending does not make a second request.
    const again = await owner.drift.restoreAutonomy({ alertId: alert.id });
    expect(again.signOff?.changeRequestId).toBe(request.id);
    expect(await db.changeRequest.count({ where: { agentId: agent.id } })).toBe(1);

    // Security's approval puts the level back.
    await callerAs(org.security, org.id).changeRequests.decide({
      id: request.id,
      decision: "APPROVE",
      comment: "",
    });
    expect(await autonomyOf(agent.id)).toBe(3);
  });

  it("never lowers the level: with two demotions, the newer is restored first", async () => {
    const org = await createTestOrg();
    const agent = await driftingAgent(org, 3, "dev");
    const caller = callerAs(org.admin, org.id);
    await optInToDemotion(org, agent.id);
    await db.$transaction((tx) => evaluateAgentDrift(tx, org.id, agent.id));
    const first = await db.driftAlert.findFirstOrThrow({ where: { agentId: agent.id, autoDemoted: true } });
    const other = await db.driftAlert.findFirstOrThrow({ where: { agentId: agent.id, autoDemoted: false } });
    await caller.drift.acknowledge({ alertId: other.id });
    expect((await db.$transaction((tx) => evaluateAgentDrift(tx, org.id, agent.id))).demoted).toBe(true);
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).autonomy).toBe(1);
    const second = await db.driftAlert.findFirstOrThrow({
      where: { agentId: agent.id, autoDemoted: true, id: { not: first.id } },
    });
    expect([first.demotedFrom, second.demotedFrom]).toEqual([3, 2]);
    // The older alert first: it would skip the newer demotion, so it is refused, level unchanged.
    expect(await failureMessage(caller.drift.restoreAutonomy({ alertId: first.id }))).toEqual({
      code: "CONFLICT",
      message: "A later drift alert lowered the agent's autonomy again; restore that alert first.",
    });
    expect(await autonomyOf(agent.id)).toBe(1);
    expect((await db.driftAlert.findUniqueOrThrow({ where: { id: first.id } })).restoredAt).toBeNull();
    await caller.drift.restoreAutonomy({ alertId: second.id });
    expect(await autonomyOf(agent.id)).toBe(2);
    await caller.drift.restoreAutonomy({ alertId: first.id });
    expect(await autonomyOf(agent.id)).toBe(3);
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "agent.autonomy_restored" } })).toBe(
      2,
    );
  });
});

describe("demotion racing a person's change", () => {
  it("demotes from the level in force once the person's change commits, never a stale one", async () => {
    const org = await createTestOrg();
    const agent = await driftingAgent(org, 3, "dev");
    await optInToDemotion(org, agent.id);

    // An admin's change in flight: the agent's row locked and lowered to 1, not yet committed.
    const admin = await pool.connect();
    try {
      await admin.query("BEGIN");
      await admin.query("SELECT id FROM agents WHERE id = $1 FOR UPDATE", [agent.id]);
      await admin.query("UPDATE agents SET autonomy = 1 WHERE id = $1", [agent.id]);
      const adminPid = (await admin.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;

      const evaluation = db.$transaction((tx) => evaluateAgentDrift(tx, org.id, agent.id));
      // Wait until the job is blocked by the admin's lock, then let the admin's change commit.
      for (let waited = 0; ; waited += 20) {
        const { rows } = await pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))",
          [adminPid],
        );
        if (rows[0]!.n > 0) break;
        if (waited > 10_000) throw new Error("the drift job never waited for the agent's lock");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await admin.query("COMMIT");
      expect((await evaluation).demoted).toBe(true);
    } finally {
      admin.release();
    }

    expect(await autonomyOf(agent.id)).toBe(0);
    const alert = await db.driftAlert.findFirstOrThrow({ where: { agentId: agent.id, autoDemoted: true } });
    expect(alert.demotedFrom).toBe(1);
    const demotion = await db.auditEvent.findFirstOrThrow({
      where: { orgId: org.id, action: "agent.autonomy_demoted" },
    });
    expect(demotion).toMatchObject({ before: { autonomy: 1 }, after: { autonomy: 0 } });
  });

  it("demotes from the current level, not the one the agent was created with", async () => {
    const org = await createTestOrg();
    const agent = await driftingAgent(org, 3, "dev");
    await optInToDemotion(org, agent.id);
    await callerAs(org.admin, org.id).agents.update({ id: agent.id, autonomy: 1 });
    expect((await db.$transaction((tx) => evaluateAgentDrift(tx, org.id, agent.id))).demoted).toBe(true);
    expect(await autonomyOf(agent.id)).toBe(0);
    const alert = await db.driftAlert.findFirstOrThrow({ where: { agentId: agent.id, autoDemoted: true } });
    expect(alert.demotedFrom).toBe(1);
  });
});

describe("drift and overview permissions", () => {
  const roles = ["admin", "security", "owner", "otherOwner", "auditor"] as const;
  const member = (org: TestOrg, role: (typeof roles)[number]): TestMember => org[role];

  it("lets every member read, and only the agent's owner, admins and security change settings or alerts", async () => {
    const org = await createTestOrg();
    const agent = await driftingAgent(org);
    await db.$transaction((tx) => evaluateAgentDrift(tx, org.id, agent.id));
    const settings = (await callerAs(org.owner, org.id).drift.agent({ agentId: agent.id })).settings;
    const mayChange = new Set(["admin", "security", "owner"]);
    for (const role of roles) {
      const caller = callerAs(member(org, role), org.id);
      const overview = await caller.overview.get();
      expect(overview.open.alertCount).toBeGreaterThan(0);
      expect(overview.top.byActivity.map((a) => a.agentId)).toContain(agent.id);
      const drift = await caller.drift.agent({ agentId: agent.id, currentHours: 48 });
      expect(drift.canManage).toBe(mayChange.has(role));
      const alert = await db.driftAlert.findFirstOrThrow({
        where: { agentId: agent.id, acknowledgedAt: null },
      });
      const update = () =>
        caller.drift.updateSettings({ agentId: agent.id, settings: { ...settings, minCalls: 10 } });
      const ack = () => caller.drift.acknowledge({ alertId: alert.id });
      if (mayChange.has(role)) {
        await update();
        await ack();
      } else {
        expect(await failure(update())).toBe("FORBIDDEN");
        expect(await failure(ack())).toBe("FORBIDDEN");
      }
    }
    const changes = await db.auditEvent.count({
      where: { orgId: org.id, action: "agent.drift_settings_changed" },
    });
    expect(changes).toBe(3);
  });

  it("validates settings field by field and hides other orgs' agents", async () => {
    const org = await createTestOrg();
    const other = await createTestOrg();
    const agent = await createTestAgent(org.id, org.owner.id, org.env.prod);
    const settings = (await callerAs(org.owner, org.id).drift.agent({ agentId: agent.id })).settings;
    const bad = callerAs(org.owner, org.id).drift.updateSettings({
      agentId: agent.id,
      settings: { ...settings, baselineDays: 0 },
    });
    const error = await bad.then(
      () => null,
      (e: unknown) => e as TRPCError,
    );
    expect(error?.code).toBe("BAD_REQUEST");
    expect(await failure(callerAs(other.admin, other.id).drift.agent({ agentId: agent.id }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await failure(callerAs(other.admin, other.id).drift.updateSettings({ agentId: agent.id, settings })),
    ).toBe("NOT_FOUND");
  });
});
