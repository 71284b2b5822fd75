import { z } from "zod";
import { db } from "../../../db";
import { authorize } from "../../../domain/auth/permissions";
import { toIncidentContext } from "../../../domain/incidents/incident-context";
import {
  incidentSeveritySchema,
  incidentTitleSchema,
  linkableKindSchema,
  refIdSchema,
} from "../../../domain/incidents/incident-fields";
import { openIncident } from "../../../domain/incidents/open-incident";
import { orgProcedure } from "../../trpc";

export const openIncidentInput = z.object({
  title: incidentTitleSchema,
  severity: incidentSeveritySchema,
  from: z.object({ kind: linkableKindSchema, id: refIdSchema }).nullish(),
});

/** Open an incident, optionally from a kill switch, a run or a decision. */
export const openIncidentProcedure = orgProcedure
  .input(openIncidentInput)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "incidents:write");
    const incident = await db.$transaction((tx) => openIncident(tx, toIncidentContext(ctx.member), input));
    return { id: incident.id };
  });
