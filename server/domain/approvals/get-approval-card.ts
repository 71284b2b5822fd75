import type { DbOrTx } from "../../db";
import { authorize, can, type MemberContext } from "../auth/permissions";
import { approvalStanding, loadApproval } from "./load-approval";

/** How far back "the agent's recent history" looks, and how much of it a card shows. */
const HISTORY_DAYS = 30;
const RECENT_DECISIONS = 10;
const RUN_ITEMS = 30;

const decisionSelect = {
  id: true,
  tool: true,
  operation: true,
  resource: true,
  outcome: true,
  reasonCode: true,
  reasonMessage: true,
  approvalId: true,
  createdAt: true,
} as const;

/**
 * The context card: what the agent wants (a sentence and the exact parameters), the rule that
 * asked, the run so far, the agent's recent history and the blast radius; plus the votes and
 * whether the viewer may vote. `version` and `cardHash` go back with a vote.
 */
export async function getApprovalCard(db: DbOrTx, member: MemberContext, approvalId: string) {
  authorize(member, "org:read");
  const now = new Date();
  const approval = await loadApproval(db, member.orgId, approvalId);
  const standing = approvalStanding(approval, { ...member, mayDecide: can(member, "approvals:decide") }, now);
  const since = new Date(now.getTime() - HISTORY_DAYS * 24 * 3600_000);

  const [runDecisions, runEvents, recentDecisions, outcomes, lapsed] = await Promise.all([
    approval.runId
      ? db.decision.findMany({
          where: { orgId: member.orgId, runId: approval.runId },
          orderBy: { createdAt: "desc" },
          take: RUN_ITEMS,
          select: decisionSelect,
        })
      : [],
    approval.runId
      ? db.runEvent.findMany({
          where: { orgId: member.orgId, runId: approval.runId },
          orderBy: { createdAt: "desc" },
          take: RUN_ITEMS,
          select: { id: true, kind: true, status: true, summary: true, externalUrl: true, createdAt: true },
        })
      : [],
    db.decision.findMany({
      where: {
        orgId: member.orgId,
        agentId: approval.agentId,
        ...(approval.runId ? { OR: [{ runId: null }, { runId: { not: approval.runId } }] } : {}),
      },
      orderBy: { createdAt: "desc" },
      take: RECENT_DECISIONS,
      select: decisionSelect,
    }),
    db.approval.groupBy({
      by: ["status"],
      where: {
        orgId: member.orgId,
        agentId: approval.agentId,
        createdAt: { gte: since },
        id: { not: approval.id },
      },
      _count: { _all: true },
    }),
    // Nothing sweeps expired rows: a pending approval past its expiry lapsed unanswered.
    db.approval.count({
      where: {
        orgId: member.orgId,
        agentId: approval.agentId,
        createdAt: { gte: since },
        status: "PENDING",
        expiresAt: { lte: now },
        id: { not: approval.id },
      },
    }),
  ]);
  const counted = (statuses: string[]) =>
    outcomes.filter((o) => statuses.includes(o.status)).reduce((n, o) => n + o._count._all, 0);

  // The run in the order it happened: decisions and what the runtime reported, interleaved.
  const runSoFar = [
    ...runDecisions.map((d) => ({ type: "decision" as const, at: d.createdAt, decision: d })),
    ...runEvents.map((e) => ({ type: "event" as const, at: e.createdAt, event: e })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  return {
    id: approval.id,
    version: approval.version,
    cardHash: standing.cardHash,
    card: standing.card,
    status: standing.status,
    createdAt: approval.createdAt,
    expiresAt: approval.expiresAt,
    decidedAt: approval.decidedAt,
    secondsLeft: Math.max(0, Math.floor((approval.expiresAt.getTime() - now.getTime()) / 1000)),
    requiredApprovers: approval.requiredApprovers,
    approveCount: standing.approveCount,
    cannotVote: standing.cannotVote,
    agent: {
      id: approval.agent.id,
      name: approval.agent.name,
      purpose: approval.agent.purpose,
      autonomy: approval.agent.autonomy,
      status: approval.agent.status,
      owner: { name: approval.agent.owner.user.name, email: approval.agent.owner.user.email },
    },
    run: approval.run
      ? {
          id: approval.run.id,
          status: approval.run.status,
          trigger: approval.run.trigger,
          onBehalfOf: approval.run.onBehalfOf,
          startedAt: approval.run.startedAt,
          items: runSoFar,
        }
      : null,
    history: {
      days: HISTORY_DAYS,
      approved: counted(["APPROVED", "CONSUMED"]),
      denied: counted(["DENIED"]),
      expired: counted(["EXPIRED"]) + lapsed,
      recentDecisions,
    },
    votes: approval.votes.map((v) => ({
      id: v.id,
      vote: v.vote,
      comment: v.comment,
      createdAt: v.createdAt,
      by: { name: v.member.user.name, email: v.member.user.email },
      mine: v.memberId === member.id,
    })),
  };
}
