// Real approval rows for the inbox's integration tests, shaped as /api/decide writes them.
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { createTestOrg, rand, type TestOrg } from "@/test/factories";
import { callerAs, type TestMember } from "@/test/factories";

export async function createApprovalOrg(): Promise<TestOrg & { agentId: string }> {
  const org = await createTestOrg();
  const agent = await db.agent.create({
    data: {
      orgId: org.id,
      name: `release-bot-${rand(3)}`,
      purpose: "Merges release pull requests.",
      ownerId: org.owner.id,
      environmentId: org.env.prod,
      autonomy: 2,
    },
  });
  return { ...org, agentId: agent.id };
}

export type ApprovalOptions = {
  agentId?: string;
  requiredApprovers?: number;
  onBehalfOf?: string | null;
  expiresInMs?: number;
  params?: Prisma.InputJsonObject;
  effect?: "READ" | "WRITE" | "DELETE" | "SPEND" | "ADMIN";
  planId?: string;
  action?: Prisma.InputJsonObject;
  runId?: string;
};

export async function createPendingApproval(
  org: TestOrg & { agentId: string },
  options: ApprovalOptions = {},
) {
  const agentId = options.agentId ?? org.agentId;
  const action = options.action ?? {
    agent: agentId,
    run: options.runId ?? null,
    tool: "github",
    operation: "pulls.merge",
    resource: "repo:acme/web",
    params: options.params ?? { number: 42 },
  };
  return db.approval.create({
    data: {
      orgId: org.id,
      agentId,
      runId: options.runId,
      planId: options.planId,
      actionHash: rand(32),
      action: action,
      effect: options.effect ?? "WRITE",
      ruleReason: "The agent's grant on github:pulls.* always asks for approval.",
      onBehalfOf: options.onBehalfOf ?? null,
      requiredApprovers: options.requiredApprovers ?? 1,
      expiresAt: new Date(Date.now() + (options.expiresInMs ?? 10 * 60_000)),
    },
  });
}

/** Vote as a member the way the inbox does: with the version and card fingerprint it was shown. */
export async function voteAs(
  member: TestMember,
  orgId: string,
  approvalId: string,
  vote: "APPROVE" | "DENY",
  comment = "",
) {
  const caller = callerAs(member, orgId);
  const card = await callerAs(member, orgId).approvals.get({ id: approvalId });
  return caller.approvals.vote({ approvalId, vote, comment, version: card.version, cardHash: card.cardHash });
}
