// What people approved before a kill switch does not outlive it: approvals not used yet and plans,
// of the stopped agents and of their sub-agents, are cancelled by the engage and refused after
// the release, through the console's procedures and the runtime API over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import {
  code,
  createDecideOrg,
  decide,
  githubGrant,
  mergeRequest,
  seedAgent,
  startRuntime,
  type RunningRuntime,
} from "@/server/runtime/__tests__/runtime-harness";
import { callerAs } from "@/test/factories";
import {
  approvalIn,
  approvedApproval,
  approvedPlan,
  decideUntil,
  pendingApproval,
  planIn,
} from "./killswitch-test-support";

let runtime: RunningRuntime;
beforeAll(async () => {
  runtime = await startRuntime();
});
afterAll(() => runtime.close());

const approvalStatus = async (id: string) => (await db.approval.findUniqueOrThrow({ where: { id } })).status;
const planStatus = async (id: string) => (await db.plan.findUniqueOrThrow({ where: { id } })).status;
const engagedAudit = (targetId: string) =>
  db.auditEvent.findFirstOrThrow({ where: { targetId, action: "killswitch.engaged" } });

describe("approved before the switch", () => {
  it("an agent switch cancels the approved approvals and plans of the agent and its sub-agents; none works after the release", async () => {
    const org = await createDecideOrg();
    // Autonomy 1: every merge needs an approval or an approved plan.
    const assist = { autonomy: 1, grants: [githubGrant()] };
    const agent = await seedAgent(org, assist);
    // Sub-agents in other environments: the decision API stops them with their parent all the same.
    const sub = await seedAgent(org, { ...assist, env: "staging", parentId: agent.id });
    const grandchild = await seedAgent(org, { ...assist, env: "prod", parentId: sub.id });
    const bystander = await seedAgent(org, assist);

    // Approvals first: once a plan is approved, the merge is covered and asks for nothing.
    const approval = await approvedApproval(runtime.url, org, agent);
    const subApproval = await approvedApproval(runtime.url, org, sub);
    const theirApproval = await approvedApproval(runtime.url, org, bystander);
    const plan = await approvedPlan(runtime.url, org, agent);
    const subPlan = await approvedPlan(runtime.url, org, sub);
    const theirPlan = await approvedPlan(runtime.url, org, bystander);
    const deepPending = await pendingApproval(org.id, grandchild.id);
    const used = await approvalIn(org.id, agent.id, "CONSUMED");
    expect(await decideUntil(runtime.url, agent.secret, "PLAN_APPROVED")).toBe("PLAN_APPROVED");
    expect(await decideUntil(runtime.url, sub.secret, "PLAN_APPROVED")).toBe("PLAN_APPROVED");

    const security = callerAs(org.security, org.id);
    const engaged = await security.killSwitch.engage({
      scope: "AGENT",
      targetId: agent.id,
      reason: "approved too much",
    });
    const cancelledApprovals = [approval, subApproval, plan.approvalId, subPlan.approvalId, deepPending];
    expect(engaged.cancelledApprovals).toBe(cancelledApprovals.length);
    for (const id of cancelledApprovals) expect(await approvalStatus(id)).toBe("CANCELLED");
    expect(await planStatus(plan.planId)).toBe("CANCELLED");
    expect(await planStatus(subPlan.planId)).toBe("CANCELLED");
    expect(await approvalStatus(used)).toBe("CONSUMED");
    expect(await approvalStatus(theirApproval)).toBe("APPROVED");
    expect(await approvalStatus(theirPlan.approvalId)).toBe("APPROVED");
    expect(await planStatus(theirPlan.planId)).toBe("APPROVED");
    const audit = await engagedAudit(engaged.id);
    const after = audit.after as { cancelledApprovalIds: string[]; cancelledPlanIds: string[] };
    expect([...after.cancelledApprovalIds].sort()).toEqual([...cancelledApprovals].sort());
    expect([...after.cancelledPlanIds].sort()).toEqual([plan.planId, subPlan.planId].sort());
    expect(await decideUntil(runtime.url, sub.secret, "AGENT_PAUSED")).toBe("AGENT_PAUSED");

    await security.killSwitch.release({ id: engaged.id, reason: "approvals reviewed" });
    // The approval presented again is refused, not allowed (its agent acts again).
    const withApproval = mergeRequest({ approvalId: approval });
    expect(await decideUntil(runtime.url, agent.secret, "APPROVAL_DENIED", withApproval)).toBe(
      "APPROVAL_DENIED",
    );
    expect(await approvalStatus(approval)).toBe("CANCELLED");
    const subWithApproval = mergeRequest({ approvalId: subApproval });
    expect(await decideUntil(runtime.url, sub.secret, "APPROVAL_DENIED", subWithApproval)).toBe(
      "APPROVAL_DENIED",
    );
    // The plans no longer cover the merge: it needs a new approval.
    expect(code(await decide(runtime.url, agent.secret, mergeRequest()))).toBe("APPROVAL_REQUIRED");
    expect(code(await decide(runtime.url, sub.secret, mergeRequest()))).toBe("APPROVAL_REQUIRED");
    // Other agents keep what was approved for them.
    expect(code(await decide(runtime.url, bystander.secret, mergeRequest()))).toBe("PLAN_APPROVED");
    const theirs = await decide(runtime.url, bystander.secret, mergeRequest({ approvalId: theirApproval }));
    expect(theirs.body).toMatchObject({ decision: "allow", reason: { code: "APPROVED" } });
  });

  it("an environment switch cancels them for its agents and their sub-agents elsewhere, not for other agents", async () => {
    const org = await createDecideOrg();
    const inProd = await seedAgent(org, { env: "prod" });
    const subInDev = await seedAgent(org, { env: "dev", parentId: inProd.id });
    const inDev = await seedAgent(org, { env: "dev" });
    const rows = {
      prodApproval: await approvalIn(org.id, inProd.id, "APPROVED"),
      subApproval: await pendingApproval(org.id, subInDev.id),
      devApproval: await approvalIn(org.id, inDev.id, "APPROVED"),
      prodPlan: await planIn(org.id, inProd.id, "APPROVED"),
      subPlan: await planIn(org.id, subInDev.id, "PENDING"),
      devPlan: await planIn(org.id, inDev.id, "APPROVED"),
    };
    const engaged = await callerAs(org.security, org.id).killSwitch.engage({
      scope: "ENVIRONMENT",
      targetId: org.env.prod,
      reason: "prod incident",
    });
    expect(engaged.cancelledApprovals).toBe(2);
    expect(await approvalStatus(rows.prodApproval)).toBe("CANCELLED");
    expect(await approvalStatus(rows.subApproval)).toBe("CANCELLED");
    expect(await approvalStatus(rows.devApproval)).toBe("APPROVED");
    expect(await planStatus(rows.prodPlan)).toBe("CANCELLED");
    expect(await planStatus(rows.subPlan)).toBe("CANCELLED");
    expect(await planStatus(rows.devPlan)).toBe("APPROVED");
    expect((await engagedAudit(engaged.id)).after).toMatchObject({
      cancelledPlanIds: [rows.prodPlan, rows.subPlan].sort(),
    });
  });

  it("the release cancels what was asked for on a stale policy and approved while the switch was on", async () => {
    const org = await createDecideOrg();
    const agent = await seedAgent(org, { autonomy: 1, grants: [githubGrant()] });
    const asked = await decide(runtime.url, agent.secret, mergeRequest());
    const first = await db.approval.findUniqueOrThrow({ where: { id: asked.body.approval!.id } });
    const security = callerAs(org.security, org.id);
    const engaged = await security.killSwitch.engage({ scope: "AGENT", targetId: agent.id, reason: "stale" });
    expect(engaged.cancelledApprovals).toBe(1);

    // A decision made on a snapshot from before the engage, committed after it, then approved.
    const late = await db.approval.create({
      data: {
        orgId: org.id,
        agentId: agent.id,
        actionHash: first.actionHash,
        action: first.action as Prisma.InputJsonValue,
        ruleReason: first.ruleReason,
        status: "APPROVED",
        decidedAt: new Date(),
        expiresAt: first.expiresAt,
      },
    });
    const latePlan = await planIn(org.id, agent.id, "APPROVED");

    await security.killSwitch.release({ id: engaged.id, reason: "all clear" });
    expect(await approvalStatus(late.id)).toBe("CANCELLED");
    expect(await planStatus(latePlan)).toBe("CANCELLED");
    const released = await db.auditEvent.findFirstOrThrow({
      where: { targetId: engaged.id, action: "killswitch.released" },
    });
    expect(released.after).toMatchObject({ cancelledApprovalIds: [late.id], cancelledPlanIds: [latePlan] });
    const withLate = mergeRequest({ approvalId: late.id });
    expect(await decideUntil(runtime.url, agent.secret, "APPROVAL_DENIED", withLate)).toBe("APPROVAL_DENIED");
  });
});
