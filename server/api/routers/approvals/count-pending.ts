import { db } from "../../../db";
import { countPendingApprovals } from "../../../domain/approvals/list-pending-approvals";
import { orgProcedure } from "../../trpc";

/** The navigation badge. Permission (org:read) is checked inside countPendingApprovals. */
export const countPendingApprovalsProcedure = orgProcedure.query(({ ctx }) =>
  countPendingApprovals(db, ctx.member),
);
