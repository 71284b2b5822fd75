import { z } from "zod";
import { db } from "../../../db";
import { authorize } from "../../../domain/auth/permissions";
import { toIncidentContext } from "../../../domain/incidents/incident-context";
import { linkableKindSchema, refIdSchema } from "../../../domain/incidents/incident-fields";
import { linkIncidentItem } from "../../../domain/incidents/link-incident-item";
import { orgProcedure } from "../../trpc";

export const linkIncidentItemInput = z.object({
  incidentId: z.string().trim().min(1).max(100),
  kind: linkableKindSchema,
  refId: refIdSchema,
});

/** Link a run, decision, approval, agent or kill switch to an incident. */
export const linkIncidentItemProcedure = orgProcedure
  .input(linkIncidentItemInput)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "incidents:write");
    return db.$transaction((tx) => linkIncidentItem(tx, toIncidentContext(ctx.member), input));
  });
