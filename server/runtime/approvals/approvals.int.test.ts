// GET /api/approvals/{id}(?wait=N) over real HTTP: state, ownership, long poll woken by NOTIFY.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { notifyApprovalChanged } from "@/server/domain/approvals/notify-approval-changed";
import {
  createDecideOrg,
  decide,
  githubGrant,
  mergeRequest,
  seedAgent,
  startRuntime,
  type DecideOrg,
  type RunningRuntime,
} from "../__tests__/runtime-harness";
import { call } from "../__tests__/runtime-calls";

let runtime: RunningRuntime;
let org: DecideOrg;

beforeAll(async () => {
  runtime = await startRuntime();
  org = await createDecideOrg();
});
afterAll(() => runtime.close());

type ApprovalState = {
  id: string;
  status: string;
  expiresAt: string;
  decidedAt: string | null;
  requiredApprovers: number;
  approvals: number;
};
const get = (bearer: string, id: string, query = "") =>
  call<ApprovalState>(runtime.url, "GET", `/api/approvals/${id}${query}`, { bearer });

async function pendingApproval(approvers = 1) {
  const agent = await seedAgent(org, { grants: [githubGrant({ approvalMode: "ALWAYS", approvers })] });
  const answer = await decide(runtime.url, agent.secret, mergeRequest());
  expect(answer.body.decision).toBe("require_approval");
  return { agent, approvalId: answer.body.approval!.id };
}

/** What the approval inbox will do: change the row and notify, in one transaction. */
function decideApproval(approvalId: string, status: "APPROVED" | "DENIED", notify = true) {
  return db.$transaction(async (tx) => {
    await tx.approval.update({
      where: { id: approvalId },
      data: { status, decidedAt: new Date(), version: { increment: 1 } },
    });
    if (notify) await notifyApprovalChanged(tx, approvalId);
  });
}

describe("GET /api/approvals/{id}", () => {
  it("shows the agent its approval's state", async () => {
    const { agent, approvalId } = await pendingApproval(2);
    const answer = await get(agent.secret, approvalId);
    expect(answer.status).toBe(200);
    const row = await db.approval.findUniqueOrThrow({ where: { id: approvalId } });
    expect(answer.body).toEqual({
      id: approvalId,
      status: "PENDING",
      expiresAt: row.expiresAt.toISOString(),
      decidedAt: null,
      requiredApprovers: 2,
      approvals: 0,
    });
    await db.approvalVote.create({
      data: { orgId: org.id, approvalId, memberId: org.security.id, vote: "APPROVE", shown: {} },
    });
    expect((await get(agent.secret, approvalId)).body.approvals).toBe(1);
  });

  it("is readable only by its own agent (404 otherwise) and validates the query", async () => {
    const { agent, approvalId } = await pendingApproval();
    const other = await seedAgent(org);
    const stranger = await seedAgent(await createDecideOrg());
    for (const bearer of [other.secret, stranger.secret]) {
      const answer = await get(bearer, approvalId);
      expect(answer.status).toBe(404);
      expect(answer.body.error?.code).toBe("NOT_FOUND");
    }
    expect((await get(agent.secret, "apr_doesnotexist")).status).toBe(404);
    expect((await get(agent.secret, "nope")).status).toBe(404);
    expect((await get("wdn_x_y", approvalId)).status).toBe(401);
    for (const query of ["?wait=31", "?wait=-1", "?wait=abc", "?wait=1.5", "?other=1"]) {
      const answer = await get(agent.secret, approvalId, query);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error?.code).toBe("INVALID_REQUEST");
    }
    const post = await call(runtime.url, "POST", `/api/approvals/${approvalId}`, {
      bearer: agent.secret,
      body: {},
    });
    expect(post.status).toBe(405);
  });

  it("long-polls: answers as soon as the approval is decided (NOTIFY)", async () => {
    const { agent, approvalId } = await pendingApproval();
    const began = Date.now();
    const waiting = get(agent.secret, approvalId, "?wait=20");
    await new Promise((r) => setTimeout(r, 300));
    await decideApproval(approvalId, "APPROVED");
    const answer = await waiting;
    const elapsed = Date.now() - began;
    expect(answer.body).toMatchObject({ status: "APPROVED", decidedAt: expect.any(String) as string });
    expect(elapsed).toBeLessThan(1_500);

    // The approval is then a single-use allow for exactly this action.
    const allowed = await decide(runtime.url, agent.secret, mergeRequest({ approvalId }));
    expect(allowed.body).toMatchObject({ decision: "allow", reason: { code: "APPROVED" } });
    expect((await get(agent.secret, approvalId)).body.status).toBe("CONSUMED");
  });

  it("wakes every waiter, and re-checks when a change comes without a notification", async () => {
    const { agent, approvalId } = await pendingApproval();
    const waiters = [get(agent.secret, approvalId, "?wait=20"), get(agent.secret, approvalId, "?wait=20")];
    await new Promise((r) => setTimeout(r, 200));
    await decideApproval(approvalId, "DENIED");
    expect((await Promise.all(waiters)).map((a) => a.body.status)).toEqual(["DENIED", "DENIED"]);

    const quiet = await pendingApproval();
    const began = Date.now();
    const waiting = get(quiet.agent.secret, quiet.approvalId, "?wait=20");
    await new Promise((r) => setTimeout(r, 200));
    await decideApproval(quiet.approvalId, "APPROVED", false);
    expect((await waiting).body.status).toBe("APPROVED");
    expect(Date.now() - began).toBeLessThan(4_000);
  });

  it("returns the pending state after the wait, and EXPIRED once the approval expires", async () => {
    const { agent, approvalId } = await pendingApproval();
    const began = Date.now();
    const answer = await get(agent.secret, approvalId, "?wait=1");
    expect(answer.body.status).toBe("PENDING");
    expect(Date.now() - began).toBeGreaterThanOrEqual(950);

    await db.approval.update({ where: { id: approvalId }, data: { expiresAt: new Date(Date.now() + 500) } });
    const expiring = await get(agent.secret, approvalId, "?wait=10");
    expect(expiring.body.status).toBe("EXPIRED");
    expect(Date.now() - began).toBeLessThan(4_000);
    expect((await get(agent.secret, approvalId)).body.status).toBe("EXPIRED");
  });

  it("ends waiting requests when the runtime shuts down", async () => {
    const own = await startRuntime();
    const { agent, approvalId } = await pendingApproval();
    const waiting = call<ApprovalState>(own.url, "GET", `/api/approvals/${approvalId}?wait=25`, {
      bearer: agent.secret,
    });
    await new Promise((r) => setTimeout(r, 300));
    const began = Date.now();
    await own.handler.close();
    const answer = await waiting;
    expect(answer.body.status).toBe("PENDING");
    expect(Date.now() - began).toBeLessThan(2_000);
    await own.close().catch(() => undefined);
  });
});
