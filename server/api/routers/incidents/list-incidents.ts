import { z } from "zod";
import { db } from "../../../db";
import { incidentStatusSchema } from "../../../domain/incidents/incident-fields";
import { listIncidents } from "../../../domain/incidents/list-incidents";
import { orgProcedure } from "../../trpc";

export const listIncidentsInput = z.object({ status: incidentStatusSchema.nullish() }).optional();

/** Incidents of the org. Read permission is checked inside listIncidents. */
export const listIncidentsProcedure = orgProcedure
  .input(listIncidentsInput)
  .query(({ ctx, input }) => listIncidents(db, ctx.member, { status: input?.status ?? null }));
