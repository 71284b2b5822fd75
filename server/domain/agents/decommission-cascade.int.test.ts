// Sub-agents and their parent's state: decommissioning a parent retires every agent below it in the
// same transaction (credentials, approvals, plans, change requests, each with its own audit event,
// approval waiters woken); pausing a parent stops its sub-agents at decision time without changing
// them. Against the real store and the real decision API.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { APPROVAL_CHANNEL } from "@/server/domain/approvals/notify-approval-changed";
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
  type SeededAgent,
} from "@/server/runtime/__tests__/runtime-harness";
import { callerAs, rand } from "@/test/factories";
import { memberContext } from "./change-context";
import { decommissionAgent } from "./decommission-agent";
import { pauseAgent } from "./pause-agent";
import { resumeAgent } from "./resume-agent";

let runtime: RunningRuntime;
let listener: pg.Client;
const notified: string[] = [];

beforeAll(async () => {
  runtime = await startRuntime({ instanceId: "cascade" });
  listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  listener.on("notification", (n) => {
    if (n.channel === APPROVAL_CHANNEL && n.payload) notified.push(n.payload);
  });
  await listener.query(`LISTEN ${APPROVAL_CHANNEL}`);
});
afterAll(async () => {
  await listener.end();
  await runtime.close();
});

const ownerCtx = (org: DecideOrg) => memberContext({ ...org.owner, orgId: org.id });
const refresh = (org: DecideOrg) => runtime.handler.runtime.policy.refresh(org.id, performance.now());

/** parent → child → grandchild, plus an unrelated agent, each with a credential and a grant. */
async function tree(org: DecideOrg) {
  const parent = await seedAgent(org, { grants: [githubGrant()] });
  const child = await seedAgent(org, { grants: [githubGrant()], parentId: parent.id });
  const grandchild = await seedAgent(org, { grants: [githubGrant()], parentId: child.id });
  const bystander = await seedAgent(org, { grants: [githubGrant()] });
  return { parent, child, grandchild, bystander };
}

async function pendingWork(org: DecideOrg, agent: SeededAgent) {
  const approval = await db.approval.create({
    data: {
      orgId: org.id,
      agentId: agent.id,
      actionHash: rand(32),
      action: { tool: "github", operation: "pulls.merge" },
      ruleReason: "Grant requires approval",
      expiresAt: new Date(Date.now() + 600_000),
    },
  });
  const plan = await db.plan.create({
    data: {
      orgId: org.id,
      agentId: agent.id,
      steps: [{ tool: "github", operation: "pulls.merge", resource: "repo:acme/web" }],
      budget: { calls: 1 },
      expiresAt: new Date(Date.now() + 600_000),
    },
  });
  const change = await db.changeRequest.create({
    data: { orgId: org.id, agentId: agent.id, kind: "grant.create", payload: {}, dedupeKey: rand(16) },
  });
  return { approval, plan, change };
}

describe("decommissioning a parent agent", () => {
  it("retires every descendant in the same transaction, each with its own audit event", async () => {
    const org = await createDecideOrg();
    const { parent, child, grandchild, bystander } = await tree(org);
    const work = await pendingWork(org, grandchild);
    const bystanderWork = await pendingWork(org, bystander);
    await refresh(org);
    expect((await decide(runtime.url, grandchild.secret, mergeRequest())).body.decision).toBe("allow");

    // The console's confirmation counts what goes along.
    const owner = callerAs(org.owner, org.id);
    expect((await owner.agents.get({ id: parent.id })).activeDescendantCount).toBe(2);
    expect((await owner.agents.get({ id: child.id })).activeDescendantCount).toBe(1);
    expect((await owner.agents.get({ id: grandchild.id })).activeDescendantCount).toBe(0);

    const parentRow = await db.agent.findUniqueOrThrow({ where: { id: parent.id } });
    const result = await db.$transaction((tx) =>
      decommissionAgent(tx, ownerCtx(org), {
        id: parent.id,
        reason: "Replaced",
        confirmName: parentRow.name,
      }),
    );
    expect(result.descendants.map((d) => d.agent.id).sort()).toEqual([child.id, grandchild.id].sort());

    for (const agent of [parent, child, grandchild]) {
      const row = await db.agent.findUniqueOrThrow({ where: { id: agent.id } });
      expect(row.status).toBe("DECOMMISSIONED");
      expect(row.decommissionedAt).toEqual(result.agent.decommissionedAt);
      const credential = await db.credential.findUniqueOrThrow({ where: { id: agent.credentialId } });
      expect(credential.revokedAt).toBeInstanceOf(Date);
    }
    expect((await db.agent.findUniqueOrThrow({ where: { id: child.id } })).statusReason).toBe(
      `Parent agent ${parentRow.name} decommissioned: Replaced`,
    );
    expect((await db.approval.findUniqueOrThrow({ where: { id: work.approval.id } })).status).toBe(
      "CANCELLED",
    );
    expect((await db.plan.findUniqueOrThrow({ where: { id: work.plan.id } })).status).toBe("CANCELLED");
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: work.change.id } })).status).toBe(
      "CANCELLED",
    );
    // Runtimes waiting on the grandchild's approval are woken.
    await expect.poll(() => notified.includes(work.approval.id)).toBe(true);

    // Nobody else is touched.
    expect((await db.agent.findUniqueOrThrow({ where: { id: bystander.id } })).status).toBe("ACTIVE");
    expect((await db.approval.findUniqueOrThrow({ where: { id: bystanderWork.approval.id } })).status).toBe(
      "PENDING",
    );
    expect((await db.plan.findUniqueOrThrow({ where: { id: bystanderWork.plan.id } })).status).toBe(
      "PENDING",
    );

    const events = await db.auditEvent.findMany({
      where: { orgId: org.id, action: "agent.decommissioned" },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.targetId)).toEqual([parent.id, ...result.descendants.map((d) => d.agent.id)]);
    expect(events[0]!.after).toMatchObject({
      decommissionedDescendantIds: result.descendants.map((d) => d.agent.id),
    });
    const grandchildEvent = events.find((e) => e.targetId === grandchild.id)!;
    expect(grandchildEvent.before).toMatchObject({ status: "ACTIVE" });
    expect(grandchildEvent.after).toMatchObject({
      status: "DECOMMISSIONED",
      cascadedFrom: { agentId: parent.id, name: parentRow.name },
      revokedCredentialIds: [grandchild.credentialId],
      cancelledApprovalIds: [work.approval.id],
      cancelledPlanIds: [work.plan.id],
      cancelledChangeRequestIds: [work.change.id],
    });

    await refresh(org);
    const after = await decide(runtime.url, grandchild.secret, mergeRequest());
    expect(after.status).toBe(401);
    expect((await decide(runtime.url, bystander.secret, mergeRequest())).body.decision).toBe("allow");
  });

  it("also reaches below a sub-agent decommissioned earlier, and is all or nothing", async () => {
    const org = await createDecideOrg();
    const { parent, child, grandchild } = await tree(org);
    const childRow = await db.agent.findUniqueOrThrow({ where: { id: child.id } });
    // Before the cascade existed, retiring a middle agent left its sub-agents active.
    await db.agent.update({ where: { id: child.id }, data: { status: "DECOMMISSIONED" } });
    const parentRow = await db.agent.findUniqueOrThrow({ where: { id: parent.id } });

    // A failure inside the transaction leaves every agent as it was.
    await expect(
      db.$transaction(async (tx) => {
        await decommissionAgent(tx, ownerCtx(org), {
          id: parent.id,
          reason: "x",
          confirmName: parentRow.name,
        });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect((await db.agent.findUniqueOrThrow({ where: { id: grandchild.id } })).status).toBe("ACTIVE");
    expect((await db.agent.findUniqueOrThrow({ where: { id: parent.id } })).status).toBe("ACTIVE");

    const result = await db.$transaction((tx) =>
      decommissionAgent(tx, ownerCtx(org), { id: parent.id, reason: "x", confirmName: parentRow.name }),
    );
    expect(result.descendants.map((d) => d.agent.id)).toEqual([grandchild.id]);
    expect((await db.agent.findUniqueOrThrow({ where: { id: grandchild.id } })).status).toBe(
      "DECOMMISSIONED",
    );
    // The one retired earlier keeps its own record.
    expect((await db.agent.findUniqueOrThrow({ where: { id: child.id } })).statusReason).toBe(
      childRow.statusReason,
    );
  });
});

describe("pausing a parent agent", () => {
  it("stops every descendant at decision time without changing them, and resuming frees them", async () => {
    const org = await createDecideOrg();
    const { parent, child, grandchild, bystander } = await tree(org);
    await db.$transaction((tx) => pauseAgent(tx, ownerCtx(org), { id: parent.id, reason: "Investigating" }));
    await refresh(org);

    for (const agent of [parent, child, grandchild]) {
      expect(code(await decide(runtime.url, agent.secret, mergeRequest()))).toBe("AGENT_PAUSED");
    }
    expect((await decide(runtime.url, bystander.secret, mergeRequest())).body.decision).toBe("allow");
    // The sub-agents are stopped through their parent, not paused themselves.
    expect((await db.agent.findUniqueOrThrow({ where: { id: grandchild.id } })).status).toBe("ACTIVE");

    await db.$transaction((tx) => resumeAgent(tx, ownerCtx(org), { id: parent.id, reason: "Fixed" }));
    await refresh(org);
    expect((await decide(runtime.url, grandchild.secret, mergeRequest())).body.decision).toBe("allow");
  });
});
