import { db } from "../../../db";
import { listApprovalHistory, listHistoryInputSchema } from "../../../domain/approvals/list-approval-history";
import { orgProcedure } from "../../trpc";

/** Decided approvals with their votes. Permission (org:read) is checked inside listApprovalHistory. */
export const listApprovalHistoryProcedure = orgProcedure
  .input(listHistoryInputSchema)
  .query(({ ctx, input }) => listApprovalHistory(db, ctx.member, input));
