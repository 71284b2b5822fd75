import { z } from "zod";
import { db } from "../../../db";
import { authorize, canManageAgent } from "../../../domain/auth/permissions";
import { listDriftAlerts } from "../../../domain/drift/list-drift-alerts";
import { orgProcedure } from "../../trpc";

export const listDriftAlertsInput = z.object({
  agentId: z.string().max(100).optional(),
  openOnly: z.boolean().optional(),
});

export const listDriftAlertsProcedure = orgProcedure
  .input(listDriftAlertsInput)
  .query(async ({ ctx, input }) => {
    authorize(ctx.member, "org:read");
    const alerts = await listDriftAlerts(db, ctx.member.orgId, input);
    return alerts.map((alert) => ({ ...alert, canManage: canManageAgent(ctx.member, alert.agent) }));
  });
