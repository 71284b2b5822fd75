import { z } from "zod";
import { db } from "../../../db";
import { idSchema } from "../../../domain/agents/agent-fields";
import { authorizeAnyAgentChange, memberContext } from "../../../domain/agents/change-context";
import { acknowledgeDriftAlert } from "../../../domain/drift/acknowledge-drift-alert";
import { orgProcedure } from "../../trpc";

export const acknowledgeDriftAlertInput = z.object({ alertId: idSchema });

export const acknowledgeDriftAlertProcedure = orgProcedure
  .input(acknowledgeDriftAlertInput)
  .mutation(async ({ ctx, input }) => {
    authorizeAnyAgentChange(ctx.member);
    const alert = await db.$transaction((tx) =>
      acknowledgeDriftAlert(tx, memberContext(ctx.member), input.alertId),
    );
    return { id: alert.id, acknowledgedAt: alert.acknowledgedAt };
  });
