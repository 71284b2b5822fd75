// Votes on approvals against a real Postgres: compare-and-set, the two-person rule, who may not
// approve, expiry, plans, and the audit record of what each approver saw.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { callerAs, createMember, rand } from "@/test/factories";
import { approvalCardHash } from "./approval-card";
import { createApprovalOrg, createPendingApproval, voteAs } from "./approval-test-support";

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (e: { code?: string }) => e.code ?? "UNKNOWN",
  );

describe("approvals.vote", () => {
  it("approves with one vote, records what the approver saw and audits it", async () => {
    const org = await createApprovalOrg();
    const approval = await createPendingApproval(org);
    const card = await callerAs(org.security, org.id).approvals.get({ id: approval.id });
    expect(card.card.summary).toMatch(
      /wants to merge pull request #42 in repo:acme\/web \(github pulls\.merge\)$/,
    );
    expect(card.cannotVote).toBeNull();

    const result = await callerAs(org.security, org.id).approvals.vote({
      approvalId: approval.id,
      vote: "APPROVE",
      comment: "Release checklist done.",
      version: card.version,
      cardHash: card.cardHash,
    });
    expect(result).toMatchObject({ status: "APPROVED", version: 1, approveCount: 1 });

    const row = await db.approval.findUniqueOrThrow({ where: { id: approval.id }, include: { votes: true } });
    expect(row.status).toBe("APPROVED");
    expect(row.decidedAt).not.toBeNull();
    expect(row.votes).toHaveLength(1);
    const shown = row.votes[0]!.shown as { cardHash: string; summary: string };
    expect(shown.cardHash).toBe(card.cardHash);
    expect(shown.summary).toBe(card.card.summary);
    expect(approvalCardHash(card.card)).toBe(card.cardHash);

    const audit = await db.auditEvent.findMany({ where: { orgId: org.id, targetId: approval.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "approval.approve_voted", actorLabel: org.security.email });
    expect(audit[0]!.after).toMatchObject({
      vote: "APPROVE",
      status: "APPROVED",
      comment: "Release checklist done.",
      shown: { cardHash: card.cardHash },
    });
  });

  it("denies on any DENY, even with approvals still missing", async () => {
    const org = await createApprovalOrg();
    const approval = await createPendingApproval(org, { requiredApprovers: 2 });
    const result = await voteAs(org.security, org.id, approval.id, "DENY", "Not during the freeze.");
    expect(result.status).toBe("DENIED");
    expect(
      await codeOf(voteAs(await createMember(org.id, ["SECURITY"]), org.id, approval.id, "APPROVE")),
    ).toBe("CONFLICT");
  });

  it("needs M distinct humans where the grant asks for M approvers", async () => {
    const org = await createApprovalOrg();
    const approval = await createPendingApproval(org, { requiredApprovers: 2 });
    const first = await voteAs(org.security, org.id, approval.id, "APPROVE");
    expect(first).toMatchObject({ status: "PENDING", approveCount: 1 });
    // The same person cannot be the second pair of eyes.
    expect(await codeOf(voteAs(org.security, org.id, approval.id, "APPROVE"))).toBe("FORBIDDEN");
    const again = await callerAs(org.security, org.id).approvals.get({ id: approval.id });
    expect(again.cannotVote).toMatch(/already voted/);

    const second = await voteAs(await createMember(org.id, ["SECURITY"]), org.id, approval.id, "APPROVE");
    expect(second).toMatchObject({ status: "APPROVED", approveCount: 2 });
    expect((await db.approval.findUniqueOrThrow({ where: { id: approval.id } })).status).toBe("APPROVED");
  });

  it("refuses the agent's owner, even holding the security role", async () => {
    const org = await createApprovalOrg();
    const ownerAndSecurity = await createMember(org.id, ["OWNER", "SECURITY"]);
    await db.agent.update({ where: { id: org.agentId }, data: { ownerId: ownerAndSecurity.id } });
    const approval = await createPendingApproval(org);
    const card = await callerAs(ownerAndSecurity, org.id).approvals.get({ id: approval.id });
    expect(card.cannotVote).toMatch(/You own this agent/);
    expect(await codeOf(voteAs(ownerAndSecurity, org.id, approval.id, "APPROVE"))).toBe("FORBIDDEN");
    expect(await db.approvalVote.count({ where: { approvalId: approval.id } })).toBe(0);
  });

  it("refuses the human the agent acts for (approval or run on-behalf-of)", async () => {
    const org = await createApprovalOrg();
    const onBehalf = await createPendingApproval(org, {
      onBehalfOf: `user:${org.security.email.toUpperCase()}`,
    });
    expect(await codeOf(voteAs(org.security, org.id, onBehalf.id, "APPROVE"))).toBe("FORBIDDEN");

    const run = await db.run.create({
      data: { orgId: org.id, agentId: org.agentId, onBehalfOf: `user:${org.security.email}` },
    });
    const viaRun = await createPendingApproval(org, { runId: run.id });
    expect(await codeOf(voteAs(org.security, org.id, viaRun.id, "DENY"))).toBe("FORBIDDEN");

    // Someone else may decide it.
    const other = await createMember(org.id, ["SECURITY"]);
    expect((await voteAs(other, org.id, onBehalf.id, "APPROVE")).status).toBe("APPROVED");
  });

  it("refuses an expired approval and an approval of another org", async () => {
    const org = await createApprovalOrg();
    const approval = await createPendingApproval(org);
    const card = await callerAs(org.security, org.id).approvals.get({ id: approval.id });
    await db.approval.update({
      where: { id: approval.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = callerAs(org.security, org.id).approvals.vote({
      approvalId: approval.id,
      vote: "APPROVE",
      comment: "",
      version: card.version,
      cardHash: card.cardHash,
    });
    await expect(expired).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: /expired/ });

    const stranger = await createApprovalOrg();
    const theirs = await createPendingApproval(stranger);
    expect(await codeOf(callerAs(org.security, org.id).approvals.get({ id: theirs.id }))).toBe("NOT_FOUND");
    expect(await codeOf(voteAs(org.security, org.id, theirs.id, "APPROVE"))).toBe("NOT_FOUND");
  });

  it("refuses a stale version and a card that is not what the approval says", async () => {
    const org = await createApprovalOrg();
    const approval = await createPendingApproval(org, { requiredApprovers: 2 });
    const seen = await callerAs(org.security, org.id).approvals.get({ id: approval.id });
    await voteAs(await createMember(org.id, ["SECURITY"]), org.id, approval.id, "APPROVE");
    const stale = callerAs(org.security, org.id).approvals.vote({
      approvalId: approval.id,
      vote: "APPROVE",
      comment: "",
      version: seen.version,
      cardHash: seen.cardHash,
    });
    await expect(stale).rejects.toMatchObject({ code: "CONFLICT", message: /Someone else decided/ });

    const fresh = await callerAs(org.security, org.id).approvals.get({ id: approval.id });
    const swapped = callerAs(org.security, org.id).approvals.vote({
      approvalId: approval.id,
      vote: "APPROVE",
      comment: "",
      version: fresh.version,
      cardHash: "0".repeat(64),
    });
    await expect(swapped).rejects.toMatchObject({ code: "CONFLICT", message: /no longer matches/ });
  });

  it("settles concurrent votes to exactly one outcome, 100 times", async () => {
    const org = await createApprovalOrg();
    const voters = await Promise.all([0, 1, 2].map(() => createMember(org.id, ["SECURITY"])));
    for (let trial = 0; trial < 100; trial++) {
      const approval = await createPendingApproval(org, { params: { number: trial } });
      const card = await callerAs(voters[0]!, org.id).approvals.get({ id: approval.id });
      // Three people press at once, on the same version: one approves, two deny.
      const outcomes = await Promise.allSettled(
        voters.map((voter, i) =>
          callerAs(voter, org.id).approvals.vote({
            approvalId: approval.id,
            vote: i === 0 ? "APPROVE" : "DENY",
            comment: `trial ${trial}`,
            version: card.version,
            cardHash: card.cardHash,
          }),
        ),
      );
      const won = outcomes.filter((o) => o.status === "fulfilled");
      const lost = outcomes.filter((o) => o.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost.map((o) => (o.reason as { code: string }).code)).toEqual(["CONFLICT", "CONFLICT"]);
      const row = await db.approval.findUniqueOrThrow({
        where: { id: approval.id },
        include: { votes: true },
      });
      expect(row.votes).toHaveLength(1);
      expect(row.version).toBe(1);
      expect(row.status).toBe(won[0]!.value.status);
    }
    const audited = await db.auditEvent.count({ where: { orgId: org.id, targetType: "approval" } });
    expect(audited).toBe(100);
  }, 120_000);

  it("approves a plan envelope: the plan turns APPROVED and the policy version moves", async () => {
    const org = await createApprovalOrg();
    const steps = [
      { tool: "github", operation: "pulls.merge", resource: "repo:acme/web", params: { number: 42 } },
      { tool: "slack", operation: "chat.postMessage", resource: "slack:#releases" },
    ];
    const budget = { calls: 5, spendCents: 0 };
    const plan = await db.plan.create({
      data: {
        orgId: org.id,
        agentId: org.agentId,
        steps,
        budget,
        expiresAt: new Date(Date.now() + 3600_000),
      },
    });
    const approval = await createPendingApproval(org, {
      planId: plan.id,
      action: { plan: { steps, budget } },
    });
    const card = await callerAs(org.auditor, org.id).approvals.get({ id: approval.id });
    expect(card.card.summary).toMatch(
      /wants approval for a plan of 2 steps \(within 5 calls, \$0\.00 of spend\)/,
    );
    expect(card.card.action).toMatchObject({
      kind: "plan",
      budget,
      steps: [{ summary: "merge pull request #42 in repo:acme/web" }, {}],
    });

    const before = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect((await voteAs(org.security, org.id, approval.id, "APPROVE")).status).toBe("APPROVED");
    expect((await db.plan.findUniqueOrThrow({ where: { id: plan.id } })).status).toBe("APPROVED");
    const after = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(after.policyVersion).toBe(before.policyVersion + 1);
  });

  it("cannot vote on an approval cancelled by decommissioning (version moved)", async () => {
    const org = await createApprovalOrg();
    const approval = await createPendingApproval(org);
    const card = await callerAs(org.security, org.id).approvals.get({ id: approval.id });
    const agent = await db.agent.findUniqueOrThrow({ where: { id: org.agentId } });
    await callerAs(org.admin, org.id).agents.decommission({
      id: agent.id,
      reason: `Retired in test ${rand(2)}`,
      confirmName: agent.name,
    });
    const vote = callerAs(org.security, org.id).approvals.vote({
      approvalId: approval.id,
      vote: "APPROVE",
      comment: "",
      version: card.version,
      cardHash: card.cardHash,
    });
    await expect(vote).rejects.toMatchObject({ code: "CONFLICT", message: /cancelled/ });
  });
});
