import { z } from "zod";
import { db } from "../../../db";
import { authorize } from "../../../domain/auth/permissions";
import { changeIncidentStatus } from "../../../domain/incidents/change-incident-status";
import { toIncidentContext } from "../../../domain/incidents/incident-context";
import { incidentStatusSchema } from "../../../domain/incidents/incident-fields";
import { orgProcedure } from "../../trpc";

export const changeIncidentStatusInput = z.object({
  incidentId: z.string().trim().min(1).max(100),
  status: incidentStatusSchema,
  note: z.string().max(5000).nullish(),
});

/** Move an incident to open, mitigated or resolved. */
export const changeIncidentStatusProcedure = orgProcedure
  .input(changeIncidentStatusInput)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "incidents:write");
    const incident = await db.$transaction((tx) =>
      changeIncidentStatus(tx, toIncidentContext(ctx.member), input),
    );
    return { id: incident.id, status: incident.status };
  });
