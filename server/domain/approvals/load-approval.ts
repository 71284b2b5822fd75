import type { DbOrTx } from "../../db";
import { notFound } from "../errors";
import { approvalCardContent, approvalCardHash, type ApprovalCardContent } from "./approval-card";
import { effectiveApprovalStatus, type ApprovalStatusName } from "./approval-view";
import { voterRefusal, type Voter } from "./voter-refusal";

export const approvalInclude = {
  agent: {
    select: {
      id: true,
      name: true,
      purpose: true,
      ownerId: true,
      autonomy: true,
      status: true,
      owner: { select: { id: true, user: { select: { name: true, email: true } } } },
      environment: { select: { name: true, isProduction: true } },
    },
  },
  run: { select: { id: true, onBehalfOf: true, trigger: true, startedAt: true, status: true } },
  votes: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      memberId: true,
      vote: true,
      comment: true,
      createdAt: true,
      member: { select: { user: { select: { name: true, email: true } } } },
    },
  },
} as const;

/** An approval of the member's org with what the console needs; NOT_FOUND for other orgs' ids. */
export async function loadApproval(db: DbOrTx, orgId: string, approvalId: string) {
  const approval = await db.approval.findFirst({
    where: { id: approvalId, orgId },
    include: approvalInclude,
  });
  if (!approval) throw notFound("This approval");
  return approval;
}

export type LoadedApproval = Awaited<ReturnType<typeof loadApproval>>;

export type ApprovalStanding = {
  status: ApprovalStatusName;
  approveCount: number;
  card: ApprovalCardContent;
  cardHash: string;
  /** Why the viewer cannot vote (null: they can). */
  cannotVote: string | null;
};

/** The effective state, the card and whether this voter may vote on it now. */
export function approvalStanding(
  approval: LoadedApproval,
  voter: Voter & { mayDecide: boolean },
  now: Date,
): ApprovalStanding {
  const approveCount = approval.votes.filter((v) => v.vote === "APPROVE").length;
  const status = effectiveApprovalStatus({ ...approval, approveVotes: approveCount }, now);
  const card = approvalCardContent(approval);
  const refusal = !voter.mayDecide
    ? "Only security staff can approve or deny agent actions."
    : status !== "PENDING"
      ? null
      : voterRefusal(voter, {
          agentOwnerId: approval.agent.ownerId,
          onBehalfOf: [approval.onBehalfOf, approval.run?.onBehalfOf],
          voterIds: approval.votes.map((v) => v.memberId),
        });
  return {
    status,
    approveCount,
    card,
    cardHash: approvalCardHash(card),
    cannotVote: status === "PENDING" ? refusal : (refusal ?? "This approval has already been settled."),
  };
}
