import { z } from "zod";
import { db } from "../../../db";
import { authorize } from "../../../domain/auth/permissions";
import { memberContext } from "../../../domain/agents/change-context";
import { engageKillSwitch } from "../../../domain/killswitch/engage-kill-switch";
import { killSwitchReasonSchema, killSwitchScopeSchema } from "../../../domain/killswitch/kill-switch-fields";
import { orgProcedure } from "../../trpc";

export const engageKillSwitchInput = z.object({
  scope: killSwitchScopeSchema,
  targetId: z.string().trim().max(100).nullish(),
  reason: killSwitchReasonSchema,
});

/** Engage a kill switch (pause an agent, freeze an environment or the org). */
export const engageKillSwitchProcedure = orgProcedure
  .input(engageKillSwitchInput)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "killswitch:use");
    const result = await db.$transaction((tx) => engageKillSwitch(tx, memberContext(ctx.member), input));
    return {
      id: result.killSwitch.id,
      scope: result.killSwitch.scope,
      targetName: result.targetName,
      engagedAt: result.killSwitch.engagedAt,
      cancelledApprovals: result.cancelledApprovalIds.length,
      cancelledPlans: result.cancelledPlanIds.length,
    };
  });
