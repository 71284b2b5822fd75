import { z } from "zod";
import { db } from "../../../db";
import { authorize } from "../../../domain/auth/permissions";
import { addIncidentNote } from "../../../domain/incidents/add-incident-note";
import { toIncidentContext } from "../../../domain/incidents/incident-context";
import { incidentNoteSchema } from "../../../domain/incidents/incident-fields";
import { orgProcedure } from "../../trpc";

export const addIncidentNoteInput = z.object({
  incidentId: z.string().trim().min(1).max(100),
  body: incidentNoteSchema,
});

/** A responder's note on an incident. */
export const addIncidentNoteProcedure = orgProcedure
  .input(addIncidentNoteInput)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "incidents:write");
    const entry = await db.$transaction((tx) => addIncidentNote(tx, toIncidentContext(ctx.member), input));
    return { id: entry.id };
  });
