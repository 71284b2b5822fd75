import { z } from "zod";
import { db } from "../../../db";
import { idSchema } from "../../../domain/agents/agent-fields";
import { getRun } from "../../../domain/runs/get-run";
import { orgProcedure } from "../../trpc";

/** A run's header. Permission (org:read) is checked inside getRun; other orgs' runs are NOT_FOUND. */
export const getRunProcedure = orgProcedure
  .input(z.object({ id: idSchema }))
  .query(({ ctx, input }) => getRun(db, ctx.member, input));
