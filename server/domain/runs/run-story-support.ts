// Test support: a real run told through the real runtime API (start, decide, outcome, end), and
// bulk rows for size tests. Used by the runs and replay integration tests only.
import { randomUUID } from "node:crypto";
import { db } from "@/server/db";
import { call } from "@/server/runtime/__tests__/runtime-calls";
import {
  decide,
  githubGrant,
  seedAgent,
  type DecideOrg,
  type SeededAgent,
} from "@/server/runtime/__tests__/runtime-harness";

export type Story = {
  agent: SeededAgent;
  runId: string;
  allowId: string;
  denyId: string;
  approvalDecisionId: string;
  approvalId: string;
};

/** A run with an allow (and its outcome with a side effect), a deny, an approval voted on, an end. */
export async function tellStory(url: string, org: DecideOrg, agent?: SeededAgent): Promise<Story> {
  const who =
    agent ??
    (await seedAgent(org, {
      grants: [
        githubGrant({ operationPattern: "github:pulls.*" }),
        githubGrant({ operationPattern: "github:repos.delete", approvalMode: "ALWAYS" }),
      ],
    }));
  const started = await call<{ runId: string }>(url, "POST", "/api/runs", {
    bearer: who.secret,
    body: {
      trigger: { kind: "ticket", ref: "OPS-42", url: "https://tickets.acme.test/OPS-42" },
      onBehalfOf: "user:alice@acme.test",
      model: {
        provider: "anthropic",
        name: "claude-test",
        systemPromptHash: "sha256:abc",
        toolSchemaVersion: "v7",
      },
    },
  });
  const runId = started.body.runId;
  const allow = await decide(url, who.secret, {
    runId,
    tool: "github",
    operation: "pulls.merge",
    resource: "repo:acme/web",
    params: { number: 42 },
  });
  await call(url, "POST", `/api/decisions/${allow.body.decisionId}/outcome`, {
    bearer: who.secret,
    body: {
      status: "success",
      sideEffects: [
        { kind: "github.pull_request", url: "https://github.com/acme/web/pull/42", externalId: "42" },
      ],
    },
  });
  const deny = await decide(url, who.secret, {
    runId,
    tool: "stripe",
    operation: "refunds.create",
    resource: "customer:cus_1",
    params: { amount: 500 },
  });
  const ask = await decide(url, who.secret, {
    runId,
    tool: "github",
    operation: "repos.delete",
    resource: "repo:acme/old",
  });
  const approvalId = ask.body.approval!.id;
  await db.approvalVote.create({
    data: {
      orgId: org.id,
      approvalId,
      memberId: org.security.id,
      vote: "APPROVE",
      comment: "Archived repo, fine to delete.",
      shown: { tool: "github", operation: "repos.delete", resource: "repo:acme/old" },
    },
  });
  await db.approval.update({
    where: { id: approvalId },
    data: { status: "APPROVED", decidedAt: new Date() },
  });
  await call(url, "POST", `/api/runs/${runId}/end`, {
    bearer: who.secret,
    body: { status: "succeeded", summary: "Merged #42." },
  });
  return {
    agent: who,
    runId,
    allowId: allow.body.decisionId!,
    denyId: deny.body.decisionId!,
    approvalDecisionId: ask.body.decisionId!,
    approvalId,
  };
}

/**
 * A run with `count` timeline rows written in bulk (half decisions, half run events), for size
 * tests. The decisions sit in a chain of their own (`bulk:<run>`) so no real chain is touched.
 */
export async function bulkRun(org: DecideOrg, agentId: string, count: number): Promise<string> {
  const run = await db.run.create({
    data: { orgId: org.id, agentId, status: "SUCCEEDED", endedAt: new Date() },
  });
  const start = Date.now() - count * 10;
  const decisions = Math.ceil(count / 2);
  const chainKey = `bulk:${run.id}`;
  await db.decision.createMany({
    data: Array.from({ length: decisions }, (_, i) => ({
      id: `dec_${randomUUID().replaceAll("-", "")}`,
      orgId: org.id,
      agentId,
      runId: run.id,
      tool: "github",
      operation: "pulls.get",
      resource: `repo:acme/web`,
      params: { number: i },
      actionHash: "0".repeat(64),
      effect: "READ" as const,
      outcome: i % 10 === 9 ? ("DENY" as const) : ("ALLOW" as const),
      reasonCode: i % 10 === 9 ? "NO_MATCHING_GRANT" : "ALLOWED_BY_GRANT",
      reasonMessage: "",
      policyVersion: 1,
      chainKey,
      seq: BigInt(i + 1),
      prevHash: "0".repeat(64),
      hash: "1".repeat(64),
      createdAt: new Date(start + i * 20),
    })),
  });
  await db.runEvent.createMany({
    data: Array.from({ length: count - decisions }, (_, i) => ({
      orgId: org.id,
      runId: run.id,
      agentId,
      kind: "OUTCOME" as const,
      status: "success",
      summary: "Succeeded.",
      createdAt: new Date(start + i * 20 + 5),
    })),
  });
  return run.id;
}
