// Shared by the kill switch's integration tests: approvals and plans, and runtime tokens.
import { expect } from "vitest";
import { db } from "@/server/db";
import { call } from "@/server/runtime/__tests__/runtime-calls";
import {
  code,
  decide,
  mergeRequest,
  type DecideOrg,
  type SeededAgent,
} from "@/server/runtime/__tests__/runtime-harness";
import { callerAs } from "@/test/factories";

export async function pendingApproval(orgId: string, agentId: string): Promise<string> {
  const approval = await db.approval.create({
    data: {
      orgId,
      agentId,
      actionHash: `hash-${Math.random()}`,
      action: { tool: "github", operation: "pulls.merge" },
      ruleReason: "Merges need a human.",
      expiresAt: new Date(Date.now() + 600_000),
    },
  });
  return approval.id;
}

export async function tokenFor(url: string, secret: string): Promise<string> {
  const answer = await call<{ token: string }>(url, "POST", "/api/token", { bearer: secret });
  if (answer.status !== 200) throw new Error(`token: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.token;
}

/** Wait until the wall clock is in a later second than `instant` (JWT `iat` has whole seconds). */
export async function nextSecondAfter(instant: Date): Promise<void> {
  const wait = (Math.floor(instant.getTime() / 1000) + 1) * 1000 - Date.now() + 20;
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

/** What security does in the inbox: open the card and approve what it shows. */
async function approveInInbox(org: DecideOrg, approvalId: string): Promise<void> {
  const caller = callerAs(org.security, org.id);
  const card = await caller.approvals.get({ id: approvalId });
  await caller.approvals.vote({
    approvalId,
    vote: "APPROVE",
    comment: "looks right",
    version: card.version,
    cardHash: card.cardHash,
  });
}

/**
 * An approval of the merge in `mergeRequest()`, asked for through /api/decide and approved in the
 * inbox, not used yet. The agent must need approval for merges (autonomy 1).
 */
export async function approvedApproval(url: string, org: DecideOrg, agent: SeededAgent): Promise<string> {
  const asked = await decide(url, agent.secret, mergeRequest());
  expect(asked.body.reason?.code, JSON.stringify(asked.body)).toBe("APPROVAL_REQUIRED");
  const approvalId = asked.body.approval!.id;
  await approveInInbox(org, approvalId);
  return approvalId;
}

/** A plan covering the merge in `mergeRequest()`, submitted through /api/plans and approved in the inbox. */
export async function approvedPlan(
  url: string,
  org: DecideOrg,
  agent: SeededAgent,
): Promise<{ planId: string; approvalId: string }> {
  const merge = mergeRequest();
  const submitted = await call<{ planId: string; approval: { id: string } }>(url, "POST", "/api/plans", {
    bearer: agent.secret,
    body: {
      steps: [
        { tool: merge.tool, operation: merge.operation, resource: merge.resource, params: merge.params },
      ],
      budget: { calls: 5 },
    },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  await approveInInbox(org, submitted.body.approval.id);
  return { planId: submitted.body.planId, approvalId: submitted.body.approval.id };
}

/** An approval row of the agent in a settled state (what a vote, or a decision using it, leaves). */
export async function approvalIn(
  orgId: string,
  agentId: string,
  status: "APPROVED" | "CONSUMED",
): Promise<string> {
  const id = await pendingApproval(orgId, agentId);
  const now = new Date();
  await db.approval.update({
    where: { id },
    data: { status, decidedAt: now, consumedAt: status === "CONSUMED" ? now : null },
  });
  return id;
}

/** A plan row of the agent (its steps do not matter to the switch). */
export async function planIn(
  orgId: string,
  agentId: string,
  status: "PENDING" | "APPROVED",
): Promise<string> {
  const plan = await db.plan.create({
    data: {
      orgId,
      agentId,
      steps: [],
      budget: { calls: 1 },
      status,
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  return plan.id;
}

/** Decide until the answer's code is `expected` (a switch reaches each instance's cache via NOTIFY); the last code. */
export async function decideUntil(
  url: string,
  bearer: string,
  expected: string,
  body: Record<string, unknown> = mergeRequest(),
): Promise<string | undefined> {
  let last: string | undefined;
  for (let i = 0; i < 100; i++) {
    last = code(await decide(url, bearer, body));
    if (last === expected) return last;
    await new Promise((r) => setTimeout(r, 20));
  }
  return last;
}
