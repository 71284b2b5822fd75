// Automatic demotion and its undoing: restoring is a compare-and-set on the demoted level and
// goes through production sign-off; the job demotes from the level in force, never a stale one.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { callerAs, createTestOrg, type TestOrg } from "@/test/factories";
import { testPool } from "../rollups/rollup-test-support";
import { driftingAgent as driftingAgentOn, trpcFailure } from "./drift-test-support";
import { evaluateAgentDrift } from "./evaluate-agent-drift";

const pool = testPool();
afterAll(() => pool.end());

const driftingAgent = (org: TestOrg, autonomy?: number, environment?: "dev" | "prod") =>
  driftingAgentOn(pool, org, autonomy, environment);

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

const failureMessage = trpcFailure;

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
