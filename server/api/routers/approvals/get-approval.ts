import { z } from "zod";
import { db } from "../../../db";
import { getApprovalCard } from "../../../domain/approvals/get-approval-card";
import { orgProcedure } from "../../trpc";

export const getApprovalInput = z.object({ id: z.string().min(1).max(64) });

/** The context card. Permission (org:read) is checked inside getApprovalCard. */
export const getApprovalProcedure = orgProcedure
  .input(getApprovalInput)
  .query(({ ctx, input }) => getApprovalCard(db, ctx.member, input.id));
