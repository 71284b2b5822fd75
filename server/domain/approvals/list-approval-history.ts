import { z } from "zod";
import type { DbOrTx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { authorize, type MemberContext } from "../auth/permissions";
import { approvalCardContent } from "./approval-card";
import { effectiveApprovalStatus } from "./approval-view";
import { approvalInclude } from "./load-approval";

export const listHistoryInputSchema = z.object({
  agentId: z.string().min(1).max(64).optional(),
  environmentId: z.string().min(1).max(64).optional(),
  effect: z.enum(["READ", "WRITE", "DELETE", "SPEND", "ADMIN"]).optional(),
  limit: z.number().int().min(1).max(100).default(50),
  /** The id of the last item of the previous page. */
  cursor: z.string().min(1).max(64).nullish(),
});
export type ListHistoryInput = z.input<typeof listHistoryInputSchema>;

/**
 * Settled approvals, newest first, with every vote (who, when, what they wrote). Pending rows
 * past their expiry count as settled (EXPIRED): nobody can decide them any more.
 */
export async function listApprovalHistory(db: DbOrTx, member: MemberContext, raw: ListHistoryInput) {
  authorize(member, "org:read");
  const input = listHistoryInputSchema.parse(raw);
  const now = new Date();
  const where: Prisma.ApprovalWhereInput = {
    orgId: member.orgId,
    OR: [{ status: { not: "PENDING" } }, { expiresAt: { lte: now } }],
    ...(input.agentId ? { agentId: input.agentId } : {}),
    ...(input.environmentId ? { agent: { environmentId: input.environmentId } } : {}),
    ...(input.effect ? { effect: input.effect } : {}),
  };
  const rows = await db.approval.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    include: approvalInclude,
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((row) => {
      const approveVotes = row.votes.filter((v) => v.vote === "APPROVE").length;
      const card = approvalCardContent(row);
      return {
        id: row.id,
        kind: card.action.kind,
        summary: card.summary,
        status: effectiveApprovalStatus({ ...row, approveVotes }, now),
        agent: { id: row.agent.id, name: row.agent.name },
        environment: row.agent.environment,
        effect: row.effect,
        createdAt: row.createdAt,
        decidedAt: row.decidedAt,
        expiresAt: row.expiresAt,
        consumedAt: row.consumedAt,
        requiredApprovers: row.requiredApprovers,
        votes: row.votes.map((v) => ({
          id: v.id,
          vote: v.vote,
          comment: v.comment,
          createdAt: v.createdAt,
          by: { name: v.member.user.name, email: v.member.user.email },
        })),
      };
    }),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
