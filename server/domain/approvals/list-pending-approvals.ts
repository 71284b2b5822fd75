import { z } from "zod";
import type { DbOrTx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { authorize, can, type MemberContext } from "../auth/permissions";
import { approvalStanding, approvalInclude } from "./load-approval";

export const EFFECTS = ["READ", "WRITE", "DELETE", "SPEND", "ADMIN"] as const;

export const listPendingInputSchema = z.object({
  agentId: z.string().min(1).max(64).optional(),
  environmentId: z.string().min(1).max(64).optional(),
  effect: z.enum(EFFECTS).optional(),
  /** Only approvals that have waited at least this long. */
  olderThanMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30)
    .optional(),
});
export type ListPendingInput = z.infer<typeof listPendingInputSchema>;

/** An inbox holds at most this many items at once; agent queues are capped well below it. */
export const INBOX_LIMIT = 200;

/**
 * The approvals waiting for people, soonest to expire first, with time left and whether the
 * viewer may vote on each. Expired rows are not swept, so "pending" means unexpired here.
 */
export async function listPendingApprovals(db: DbOrTx, member: MemberContext, input: ListPendingInput) {
  authorize(member, "org:read");
  const now = new Date();
  const where: Prisma.ApprovalWhereInput = {
    orgId: member.orgId,
    status: "PENDING",
    expiresAt: { gt: now },
    ...(input.agentId ? { agentId: input.agentId } : {}),
    ...(input.environmentId ? { agent: { environmentId: input.environmentId } } : {}),
    ...(input.effect ? { effect: input.effect } : {}),
    ...(input.olderThanMinutes !== undefined
      ? { createdAt: { lte: new Date(now.getTime() - input.olderThanMinutes * 60_000) } }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.approval.findMany({
      where,
      orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
      take: INBOX_LIMIT,
      include: approvalInclude,
    }),
    db.approval.count({ where }),
  ]);
  const mayDecide = can(member, "approvals:decide");
  return {
    now: now.toISOString(),
    total,
    items: rows.map((row) => {
      const standing = approvalStanding(row, { ...member, mayDecide }, now);
      return {
        id: row.id,
        version: row.version,
        kind: standing.card.action.kind,
        summary: standing.card.summary,
        agent: { id: row.agent.id, name: row.agent.name },
        environment: row.agent.environment,
        effect: row.effect,
        createdAt: row.createdAt,
        expiresAt: row.expiresAt,
        secondsLeft: Math.max(0, Math.floor((row.expiresAt.getTime() - now.getTime()) / 1000)),
        requiredApprovers: row.requiredApprovers,
        approveCount: standing.approveCount,
        votedByMe: row.votes.some((v) => v.memberId === member.id),
        cannotVote: standing.cannotVote,
      };
    }),
  };
}

/** How many approvals wait (for the navigation badge); cheap, and readable by every member. */
export async function countPendingApprovals(db: DbOrTx, member: MemberContext): Promise<number> {
  authorize(member, "org:read");
  return db.approval.count({
    where: { orgId: member.orgId, status: "PENDING", expiresAt: { gt: new Date() } },
  });
}
