// Who may read the approval inbox and who may vote, role by role; and what the inbox lists.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import {
  createApprovalOrg,
  createPendingApproval,
  voteAs,
} from "@/server/domain/approvals/approval-test-support";
import { callerAs, createMember } from "@/test/factories";

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (e: { code?: string }) => e.code ?? "UNKNOWN",
  );

describe("approvals role matrix", () => {
  it("every role reads the inbox, the card and the history; only SECURITY votes", async () => {
    const org = await createApprovalOrg();
    const approval = await createPendingApproval(org);
    const roles = { admin: org.admin, security: org.security, owner: org.otherOwner, auditor: org.auditor };
    for (const [role, member] of Object.entries(roles)) {
      const caller = callerAs(member, org.id);
      expect(await codeOf(caller.approvals.listPending({})), role).toBe("OK");
      expect(await codeOf(caller.approvals.countPending()), role).toBe("OK");
      expect(await codeOf(caller.approvals.listHistory({})), role).toBe("OK");
      const card = await caller.approvals.get({ id: approval.id });
      if (role !== "security") {
        expect(card.cannotVote, role).toMatch(/Only security staff/);
        const vote = caller.approvals.vote({
          approvalId: approval.id,
          vote: "APPROVE",
          comment: "",
          version: card.version,
          cardHash: card.cardHash,
        });
        expect(await codeOf(vote), role).toBe("FORBIDDEN");
      }
    }
    expect(await db.approvalVote.count({ where: { approvalId: approval.id } })).toBe(0);
    expect((await voteAs(org.security, org.id, approval.id, "APPROVE")).status).toBe("APPROVED");
  });

  it("a member without roles (removed) can do nothing", async () => {
    const org = await createApprovalOrg();
    const removed = await createMember(org.id, []);
    expect(await codeOf(callerAs(removed, org.id).approvals.listPending({}))).toBe("FORBIDDEN");
  });
});

describe("approvals.listPending and listHistory", () => {
  it("lists unexpired pending approvals, soonest first, with filters and time left", async () => {
    const org = await createApprovalOrg();
    const devAgent = await db.agent.create({
      data: { orgId: org.id, name: "dev-helper", ownerId: org.owner.id, environmentId: org.env.dev },
    });
    const later = await createPendingApproval(org, { expiresInMs: 9 * 60_000 });
    const sooner = await createPendingApproval(org, { expiresInMs: 2 * 60_000, effect: "DELETE" });
    const dev = await createPendingApproval(org, { agentId: devAgent.id, effect: "READ" });
    await createPendingApproval(org, { expiresInMs: -1000 });
    const old = await createPendingApproval(org);
    await db.approval.update({
      where: { id: old.id },
      data: { createdAt: new Date(Date.now() - 20 * 60_000) },
    });

    const list = (input: Parameters<ReturnType<typeof callerAs>["approvals"]["listPending"]>[0]) =>
      callerAs(org.security, org.id).approvals.listPending(input);
    const all = await list({});
    expect(all.items.slice(0, 2).map((i) => i.id)).toEqual([sooner.id, later.id]);
    expect(new Set(all.items.map((i) => i.id))).toEqual(new Set([sooner.id, later.id, dev.id, old.id]));
    expect(all.total).toBe(4);
    expect(all.items[0]!.secondsLeft).toBeGreaterThan(100);
    expect(all.items[0]!.secondsLeft).toBeLessThanOrEqual(120);
    expect(await callerAs(org.auditor, org.id).approvals.countPending()).toBe(4);

    expect((await list({ agentId: devAgent.id })).items.map((i) => i.id)).toEqual([dev.id]);
    expect((await list({ environmentId: org.env.dev })).items.map((i) => i.id)).toEqual([dev.id]);
    expect((await list({ effect: "DELETE" })).items.map((i) => i.id)).toEqual([sooner.id]);
    expect((await list({ olderThanMinutes: 10 })).items.map((i) => i.id)).toEqual([old.id]);
  });

  it("history shows decided and lapsed approvals with who voted, when and why", async () => {
    const org = await createApprovalOrg();
    const approved = await createPendingApproval(org);
    await voteAs(org.security, org.id, approved.id, "APPROVE", "Looks right.");
    const lapsed = await createPendingApproval(org, { expiresInMs: -1000 });
    const pending = await createPendingApproval(org);

    const history = await callerAs(org.auditor, org.id).approvals.listHistory({});
    const ids = history.items.map((i) => i.id);
    expect(ids).toContain(approved.id);
    expect(ids).toContain(lapsed.id);
    expect(ids).not.toContain(pending.id);
    const entry = history.items.find((i) => i.id === approved.id)!;
    expect(entry.status).toBe("APPROVED");
    expect(entry.votes).toHaveLength(1);
    expect(entry.votes[0]).toMatchObject({ vote: "APPROVE", comment: "Looks right." });
    expect(entry.votes[0]!.by.email).toBe(org.security.email);
    expect(history.items.find((i) => i.id === lapsed.id)!.status).toBe("EXPIRED");

    const firstPage = await callerAs(org.auditor, org.id).approvals.listHistory({ limit: 1 });
    expect(firstPage.items).toHaveLength(1);
    const secondPage = await callerAs(org.auditor, org.id).approvals.listHistory({
      limit: 1,
      cursor: firstPage.nextCursor,
    });
    expect(secondPage.items[0]!.id).not.toBe(firstPage.items[0]!.id);
  });
});
