import { z } from "zod";
import { db } from "../../../db";
import { idSchema } from "../../../domain/agents/agent-fields";
import { listRuns } from "../../../domain/runs/list-runs";
import { orgProcedure } from "../../trpc";

export const listRunsInput = z.object({
  agentId: idSchema.optional(),
  environmentId: idSchema.optional(),
  status: z.enum(["RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"]).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  since: z.enum(["1h", "24h", "7d", "30d"]).optional(),
  hasDenials: z.boolean().optional(),
  hasApprovals: z.boolean().optional(),
  cursor: z.string().max(400).nullish(),
  limit: z.number().int().min(1).max(200).optional(),
});

/** The runs list. Permission (org:read) is checked inside listRuns. */
export const listRunsProcedure = orgProcedure
  .input(listRunsInput)
  .query(({ ctx, input }) => listRuns(db, ctx.member, { ...input, cursor: input.cursor ?? undefined }));
