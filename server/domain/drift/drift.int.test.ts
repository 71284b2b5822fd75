import type { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { callerAs, createTestOrg, type TestMember, type TestOrg } from "@/test/factories";
import { createTestAgent, testPool } from "../rollups/rollup-test-support";
import { driftingAgent as driftingAgentOn, trpcFailure } from "./drift-test-support";
import { evaluateAgentDrift } from "./evaluate-agent-drift";

const pool = testPool();
afterAll(() => pool.end());

const driftingAgent = (org: TestOrg, autonomy?: number, environment?: "dev" | "prod") =>
  driftingAgentOn(pool, org, autonomy, environment);
const failure = async (promise: Promise<unknown>) => (await trpcFailure(promise)).code;

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
