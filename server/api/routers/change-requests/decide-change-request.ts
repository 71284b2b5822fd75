import { z } from "zod";
import { authorize } from "../../../domain/auth/permissions";
import {
  decideChangeRequest,
  MAX_DECISION_COMMENT,
} from "../../../domain/change-requests/decide-change-request";
import { orgProcedure } from "../../trpc";

export const decideChangeRequestInput = z.object({
  id: z.string().min(1).max(100),
  decision: z.enum(["APPROVE", "REJECT"]),
  comment: z
    .string()
    .max(MAX_DECISION_COMMENT, `Keep the comment to ${MAX_DECISION_COMMENT} characters or fewer.`),
});

/** Security approves (and so applies) or rejects a change request; never the requester. */
export const decideChangeRequestProcedure = orgProcedure
  .input(decideChangeRequestInput)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "approvals:decide");
    return decideChangeRequest(ctx.member, input);
  });
