import { db } from "../../../db";
import { authorize } from "../../../domain/auth/permissions";
import { castApprovalVote, voteInputSchema } from "../../../domain/approvals/cast-approval-vote";
import { orgProcedure } from "../../trpc";

/** Approve or deny (approvals:decide, checked here and again in castApprovalVote). */
export const voteOnApprovalProcedure = orgProcedure.input(voteInputSchema).mutation(({ ctx, input }) => {
  authorize(ctx.member, "approvals:decide");
  return db.$transaction((tx) => castApprovalVote(tx, ctx.member, input));
});
