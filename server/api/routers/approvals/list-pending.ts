import { db } from "../../../db";
import {
  listPendingApprovals,
  listPendingInputSchema,
} from "../../../domain/approvals/list-pending-approvals";
import { orgProcedure } from "../../trpc";

/** The inbox. Permission (org:read) is checked inside listPendingApprovals. */
export const listPendingApprovalsProcedure = orgProcedure
  .input(listPendingInputSchema)
  .query(({ ctx, input }) => listPendingApprovals(db, ctx.member, input));
