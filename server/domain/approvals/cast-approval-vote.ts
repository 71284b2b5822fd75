import { z } from "zod";
import type { Tx } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { memberActor } from "../agents/change-context";
import { writeAuditEvent } from "../audit/write-audit-event";
import { authorize, type MemberContext } from "../auth/permissions";
import { AppError } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import type { ApprovalStatusName } from "./approval-view";
import { approvalStanding, loadApproval } from "./load-approval";
import { notifyApprovalChanged } from "./notify-approval-changed";

export const voteInputSchema = z.object({
  approvalId: z.string().min(1).max(64),
  vote: z.enum(["APPROVE", "DENY"]),
  comment: z.string().trim().max(2000, "Keep the comment under 2,000 characters."),
  /** The approval's `version` the voter saw: the vote applies to that version only. */
  version: z.number().int().min(0),
  /** The fingerprint of the card the voter saw (approvalCardHash). */
  cardHash: z.string().regex(/^[0-9a-f]{64}$/, "Unknown card fingerprint."),
});
export type VoteInput = z.infer<typeof voteInputSchema>;

export type VoteResult = {
  approvalId: string;
  voteId: string;
  status: "PENDING" | "APPROVED" | "DENIED";
  version: number;
  approveCount: number;
  requiredApprovers: number;
};

export const CONFLICT_MESSAGE =
  "Someone else decided or voted on this approval first. Your vote was not recorded; look at its current state and vote again if it is still pending.";

const SETTLED: Partial<Record<ApprovalStatusName, string>> = {
  APPROVED: "This approval has already been approved; your vote was not recorded.",
  DENIED: "This approval has already been denied; your vote was not recorded.",
  CANCELLED: "This approval was cancelled (its agent was decommissioned); your vote was not recorded.",
  CONSUMED: "This approval was already approved and used; your vote was not recorded.",
  EXPIRED: "This approval expired before it was decided; the agent must ask again.",
};

/**
 * A security member's vote on a pending approval. Compare-and-set on `version`: the vote applies
 * only if nothing happened to the approval since the voter read it (every vote, decision,
 * cancellation and use bumps the version), so concurrent votes settle to exactly one outcome and
 * the others get CONFLICT. Any DENY denies; `requiredApprovers` distinct APPROVEs approve.
 */
export async function castApprovalVote(tx: Tx, member: MemberContext, input: VoteInput): Promise<VoteResult> {
  authorize(member, "approvals:decide");
  const now = new Date();
  const approval = await loadApproval(tx, member.orgId, input.approvalId);
  const standing = approvalStanding(approval, { ...member, mayDecide: true }, now);

  const settled = SETTLED[standing.status];
  if (settled) {
    throw new AppError(standing.status === "EXPIRED" ? "PRECONDITION_FAILED" : "CONFLICT", settled);
  }
  if (approval.version !== input.version) throw new AppError("CONFLICT", CONFLICT_MESSAGE);
  if (standing.cannotVote) throw new AppError("FORBIDDEN", standing.cannotVote);
  if (standing.cardHash !== input.cardHash) {
    throw new AppError(
      "CONFLICT",
      "What you were shown no longer matches this approval. Reload it and check it again before voting.",
    );
  }

  const approveCount = standing.approveCount + (input.vote === "APPROVE" ? 1 : 0);
  const status: VoteResult["status"] =
    input.vote === "DENY" ? "DENIED" : approveCount >= approval.requiredApprovers ? "APPROVED" : "PENDING";

  // The compare-and-set: a concurrent vote that committed first changed the version (or the
  // state, or the clock ran out), and then this matches no row.
  const swapped = await tx.approval.updateMany({
    where: {
      id: approval.id,
      orgId: member.orgId,
      version: input.version,
      status: "PENDING",
      expiresAt: { gt: now },
    },
    data: {
      version: { increment: 1 },
      ...(status !== "PENDING" ? { status, decidedAt: now } : {}),
    },
  });
  if (swapped.count !== 1) {
    const expired = approval.expiresAt.getTime() <= Date.now();
    throw new AppError(
      expired ? "PRECONDITION_FAILED" : "CONFLICT",
      expired ? SETTLED.EXPIRED! : CONFLICT_MESSAGE,
    );
  }

  const shown = { ...standing.card, cardHash: standing.cardHash, version: input.version };
  let voteId: string;
  try {
    const vote = await tx.approvalVote.create({
      data: {
        orgId: member.orgId,
        approvalId: approval.id,
        memberId: member.id,
        vote: input.vote,
        comment: input.comment,
        shown: shown,
      },
      select: { id: true },
    });
    voteId = vote.id;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", "You have already voted on this approval.");
    }
    throw error;
  }

  await writeAuditEvent(tx, {
    orgId: member.orgId,
    actor: memberActor(member),
    action: input.vote === "APPROVE" ? "approval.approve_voted" : "approval.deny_voted",
    targetType: "approval",
    targetId: approval.id,
    before: { status: "PENDING", version: input.version, approvals: standing.approveCount },
    after: {
      status,
      version: input.version + 1,
      approvals: approveCount,
      requiredApprovers: approval.requiredApprovers,
      vote: input.vote,
      voteId,
      comment: input.comment,
      // The full card is kept with the vote; the chained audit row binds it by its hash.
      shown: { summary: standing.card.summary, cardHash: standing.cardHash },
    },
  });

  if (approval.planId && status !== "PENDING") {
    // An approved plan is an envelope the decision API honours; its policy snapshot must reload.
    await tx.plan.updateMany({
      where: { id: approval.planId, orgId: member.orgId, status: "PENDING" },
      data: { status },
    });
    await bumpPolicyVersion(tx, member.orgId);
  }
  await notifyApprovalChanged(tx, approval.id);

  return {
    approvalId: approval.id,
    voteId,
    status,
    version: input.version + 1,
    approveCount,
    requiredApprovers: approval.requiredApprovers,
  };
}
