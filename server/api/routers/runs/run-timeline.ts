import { z } from "zod";
import { db } from "../../../db";
import { idSchema } from "../../../domain/agents/agent-fields";
import { listRunTimeline } from "../../../domain/runs/list-run-timeline";
import { orgProcedure } from "../../trpc";

/** One page of a run's story. Permission (org:read) is checked inside listRunTimeline. */
export const runTimelineProcedure = orgProcedure
  .input(
    z.object({
      runId: idSchema,
      cursor: z.string().max(400).nullish(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
  )
  .query(({ ctx, input }) => listRunTimeline(db, ctx.member, input));
