// Demo runs for the demo org, told through the REAL runtime API (start a run, /api/decide,
// outcomes, end) on an in-process runtime handler, so every decision is written, hash-chained and
// quota-counted exactly as in production (`warden audit verify` passes). Approval votes go through
// the approvals domain (castApprovalVote). Called by prisma/seed.ts after the fleet is applied.
//
// Each demo agent gets a short-lived credential for the seed, revoked at the end.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { PrismaClient } from "../server/generated/prisma/client";
import { castApprovalVote } from "../server/domain/approvals/cast-approval-vote";
import { getApprovalCard } from "../server/domain/approvals/get-approval-card";
import type { MemberContext } from "../server/domain/auth/permissions";
import { generateCredentialSecret } from "../server/domain/credentials/secret";
import { bumpPolicyVersion } from "../server/domain/policy/bump-policy-version";
import { createRuntimeHandler } from "../server/runtime/handler";
import { createPgPool } from "../server/runtime/pg-pool";

type Json = Record<string, unknown>;
type Api = (method: "POST", path: string, body: Json, bearer: string) => Promise<Json>;

const DEMO_AGENTS = ["release-bot", "release-notes", "support-triage", "refund-assistant"] as const;

/** Tells the demo stories once; returns how many runs it added (0 when already told). */
export async function seedDemoRuns(db: PrismaClient, databaseUrl: string, orgSlug = "acme"): Promise<number> {
  const org = await db.organization.findUniqueOrThrow({ where: { slug: orgSlug }, select: { id: true } });
  // Already told (the release story's ticket is the marker); other seeds may have added runs.
  const told = await db.run.findFirst({
    where: { orgId: org.id, trigger: { path: ["ref"], equals: "REL-1042" } },
    select: { id: true },
  });
  if (told) return 0;
  const agents = await db.agent.findMany({
    where: { orgId: org.id, name: { in: [...DEMO_AGENTS] } },
    select: { id: true, name: true },
  });
  if (agents.length !== DEMO_AGENTS.length) return 0;

  const secrets = new Map<string, string>();
  const credentialIds: string[] = [];
  for (const agent of agents) {
    const { secret, prefix, secretHash } = generateCredentialSecret();
    const credential = await db.credential.create({
      data: { orgId: org.id, agentId: agent.id, prefix, secretHash, label: "demo activity (seed)" },
    });
    secrets.set(agent.name, secret);
    credentialIds.push(credential.id);
  }
  await db.$transaction((tx) => bumpPolicyVersion(tx, org.id));

  const pool = createPgPool(databaseUrl, 4);
  const handler = createRuntimeHandler({ pool, listenConnectionString: null });
  const server = http.createServer((req, res) => {
    void handler(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api: Api = async (method, path, body, bearer) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Json;
    if (response.status >= 400 && response.status !== 403) {
      throw new Error(`${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    }
    return answer;
  };
  const vote = voter(db, org.id);
  const key = (name: (typeof DEMO_AGENTS)[number]) => secrets.get(name)!;
  try {
    await releaseStory(api, key("release-bot"));
    await blockedReleaseStory(api, key("release-bot"));
    await releaseNotesStory(api, key("release-notes"), vote);
    await supportStory(api, key("support-triage"), vote);
    await refundStory(api, key("refund-assistant"), vote);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await handler.close();
    await pool.end();
    await db.credential.updateMany({
      where: { id: { in: credentialIds } },
      data: { revokedAt: new Date(), revokedReason: "Demo seed finished." },
    });
    await db.$transaction((tx) => bumpPolicyVersion(tx, org.id));
  }
  return STORIES;
}

const STORIES = 5;

type Vote = (approvalId: string, email: string, choice: "APPROVE" | "DENY", comment: string) => Promise<void>;

function voter(db: PrismaClient, orgId: string): Vote {
  return async (approvalId, email, choice, comment) => {
    const member = await db.member.findFirstOrThrow({
      where: { orgId, user: { email } },
      select: { id: true, userId: true, roles: true },
    });
    const context: MemberContext = {
      id: member.id,
      orgId,
      userId: member.userId,
      email,
      roles: member.roles,
    };
    const card = await getApprovalCard(db, context, approvalId);
    await db.$transaction((tx) =>
      castApprovalVote(tx, context, {
        approvalId,
        vote: choice,
        comment,
        version: card.version,
        cardHash: card.cardHash,
      }),
    );
  };
}

const startRun = async (api: Api, bearer: string, body: Json) =>
  String((await api("POST", "/api/runs", body, bearer)).runId);

async function decide(api: Api, bearer: string, body: Json) {
  const answer = await api("POST", "/api/decide", body, bearer);
  return answer as { decisionId: string; decision: string; approval?: { id: string } | null };
}

const outcome = (api: Api, bearer: string, decisionId: string, body: Json) =>
  api("POST", `/api/decisions/${decisionId}/outcome`, body, bearer);

const endRun = (api: Api, bearer: string, runId: string, status: string, summary: string) =>
  api("POST", `/api/runs/${runId}/end`, { status, summary }, bearer);

const MODEL = { provider: "anthropic", name: "claude-sonnet-4-5", toolSchemaVersion: "2026-11-01" };
const prompt = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;

async function releaseStory(api: Api, bearer: string) {
  const runId = await startRun(api, bearer, {
    trigger: { kind: "ticket", ref: "REL-1042", url: "https://tickets.acme.test/browse/REL-1042" },
    onBehalfOf: "user:olivia@acme.test",
    model: { ...MODEL, systemPromptHash: prompt(1) },
  });
  const web = { owner: "acme", repo: "web" };
  const list = await decide(api, bearer, {
    runId,
    tool: "github",
    operation: "pulls.list",
    resource: "repo:acme/web",
    params: { ...web, state: "open" },
    cost: { tokens: 1800 },
  });
  await outcome(api, bearer, list.decisionId, { status: "success" });
  const merge = await decide(api, bearer, {
    runId,
    tool: "github",
    operation: "pulls.merge",
    resource: "repo:acme/web",
    params: { ...web, pull_number: 1842, merge_method: "squash" },
    cost: { tokens: 2400 },
  });
  await outcome(api, bearer, merge.decisionId, {
    status: "success",
    sideEffects: [
      {
        kind: "github.pull_request",
        url: "https://github.com/acme/web/pull/1842",
        externalId: "1842",
        description: "Merged “Release 4.12: checkout fixes” into main.",
      },
    ],
  });
  const post = await decide(api, bearer, {
    runId,
    tool: "slack",
    operation: "chat.postMessage",
    resource: "slack:#releases",
    params: { channel: "#releases", text: "Release 4.12 is out: checkout fixes and faster search." },
  });
  await outcome(api, bearer, post.decisionId, {
    status: "success",
    sideEffects: [
      {
        kind: "slack.message",
        url: "https://acme.slack.com/archives/C0RELEASES/p1763770000000100",
        description: "Announced the release in #releases.",
      },
    ],
  });
  await endRun(api, bearer, runId, "succeeded", "Merged #1842 and announced release 4.12.");
}

async function blockedReleaseStory(api: Api, bearer: string) {
  const runId = await startRun(api, bearer, {
    trigger: { kind: "webhook", ref: "gh-delivery-7f3a" },
    onBehalfOf: "user:dana@acme.test",
    model: { ...MODEL, systemPromptHash: prompt(1) },
  });
  await decide(api, bearer, {
    runId,
    tool: "github",
    operation: "repos.delete",
    resource: "repo:acme/legacy-site",
    params: { owner: "acme", repo: "legacy-site" },
  });
  await decide(api, bearer, {
    runId,
    tool: "slack",
    operation: "chat.postMessage",
    resource: "slack:#general",
    params: { channel: "#general", text: "Cleaning up old repositories today." },
  });
  await endRun(api, bearer, runId, "failed", "Stopped: Warden refused to delete the repository.");
}

async function releaseNotesStory(api: Api, bearer: string, vote: Vote) {
  const runId = await startRun(api, bearer, {
    trigger: { kind: "schedule", ref: "weekly-release-notes" },
    model: { ...MODEL, name: "claude-haiku-4-5", systemPromptHash: prompt(2) },
  });
  const list = await decide(api, bearer, {
    runId,
    tool: "github",
    operation: "pulls.list",
    resource: "repo:acme/api",
    params: { owner: "acme", repo: "api", state: "closed", per_page: 50 },
  });
  await outcome(api, bearer, list.decisionId, { status: "success" });
  const action = {
    runId,
    tool: "slack",
    operation: "chat.postMessage",
    resource: "slack:#releases",
    params: { channel: "#releases", text: "Draft release notes for API 2.8 (12 merged pull requests)." },
  };
  const ask = await decide(api, bearer, action);
  if (ask.approval) {
    await vote(ask.approval.id, "security@acme.test", "DENY", "Hold until the release is tagged.");
    await decide(api, bearer, { ...action, approvalId: ask.approval.id });
  }
  await endRun(api, bearer, runId, "cancelled", "Release notes not posted: the approval was denied.");
}

async function supportStory(api: Api, bearer: string, vote: Vote) {
  const runId = await startRun(api, bearer, {
    trigger: { kind: "webhook", ref: "slack-event-Ev0912", url: "https://acme.slack.com/archives/C0SUPPORT" },
    onBehalfOf: "user:customer-success@acme.test",
    model: { ...MODEL, systemPromptHash: prompt(3) },
  });
  const history = await decide(api, bearer, {
    runId,
    tool: "slack",
    operation: "channels.history",
    resource: "slack:#support",
    params: { channel: "C0SUPPORT01", limit: 20 },
  });
  await outcome(api, bearer, history.decisionId, { status: "success" });
  const charges = await decide(api, bearer, {
    runId,
    tool: "stripe",
    operation: "charges.list",
    resource: "stripe:customer/cus_Q8dLw2",
    params: { customer: "cus_Q8dLw2", limit: 5 },
  });
  await outcome(api, bearer, charges.decisionId, {
    status: "error",
    error: { message: "Stripe API timed out after 10 s.", code: "ETIMEDOUT" },
  });
  const retry = await decide(api, bearer, {
    runId,
    tool: "stripe",
    operation: "charges.list",
    resource: "stripe:customer/cus_Q8dLw2",
    params: { customer: "cus_Q8dLw2", limit: 5 },
  });
  await outcome(api, bearer, retry.decisionId, { status: "success" });
  const action = {
    runId,
    tool: "slack",
    operation: "chat.postMessage",
    resource: "slack:#support",
    params: {
      channel: "#support",
      text: "Your refund of $45.00 was issued on Nov 20.",
      thread_ts: "1763700000.0042",
    },
  };
  const ask = await decide(api, bearer, action);
  if (ask.approval) {
    await vote(ask.approval.id, "security@acme.test", "APPROVE", "Answer checked against the charge.");
    const approved = await decide(api, bearer, { ...action, approvalId: ask.approval.id });
    await outcome(api, bearer, approved.decisionId, {
      status: "success",
      sideEffects: [
        {
          kind: "slack.message",
          url: "https://acme.slack.com/archives/C0SUPPORT01/p1763700000004200",
          description: "Answered the customer in thread.",
        },
      ],
    });
  }
  await endRun(api, bearer, runId, "succeeded", "Answered the customer's refund question.");
}

async function refundStory(api: Api, bearer: string, vote: Vote) {
  const runId = await startRun(api, bearer, {
    trigger: { kind: "ticket", ref: "SUP-311", url: "https://tickets.acme.test/browse/SUP-311" },
    onBehalfOf: "user:customer-success@acme.test",
    model: { ...MODEL, systemPromptHash: prompt(4) },
  });
  const charges = await decide(api, bearer, {
    runId,
    tool: "stripe",
    operation: "charges.list",
    resource: "stripe:customer/cus_N4fTq1",
    params: { customer: "cus_N4fTq1", limit: 10 },
  });
  await outcome(api, bearer, charges.decisionId, { status: "success" });
  await decide(api, bearer, {
    runId,
    tool: "stripe",
    operation: "refunds.create",
    resource: "stripe:charge/ch_3PqA9x",
    params: { charge: "ch_3PqA9x", amount: 72000, reason: "requested_by_customer" },
    cost: { spendCents: 72000 },
  });
  const ask = await decide(api, bearer, {
    runId,
    tool: "stripe",
    operation: "refunds.create",
    resource: "stripe:charge/ch_3PqA9x",
    params: { charge: "ch_3PqA9x", amount: 24000, reason: "requested_by_customer" },
    cost: { spendCents: 24000 },
  });
  if (ask.approval) {
    // Two people must approve: one has, the second has not yet.
    await vote(ask.approval.id, "security@acme.test", "APPROVE", "Matches the duplicate charge on SUP-311.");
  }
  await endRun(api, bearer, runId, "cancelled", "Refund waiting for a second approver; run stopped.");
}
