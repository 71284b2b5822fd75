import { z } from "zod";
import { db } from "../../../db";
import { getIncident } from "../../../domain/incidents/get-incident";
import { orgProcedure } from "../../trpc";

export const getIncidentInput = z.object({ id: z.string().trim().min(1).max(100) });

/** One incident with its timeline. Read permission is checked inside getIncident. */
export const getIncidentProcedure = orgProcedure
  .input(getIncidentInput)
  .query(({ ctx, input }) => getIncident(db, ctx.member, input.id));
