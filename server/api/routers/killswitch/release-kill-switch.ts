import { z } from "zod";
import { db } from "../../../db";
import { memberContext } from "../../../domain/agents/change-context";
import { authorize } from "../../../domain/auth/permissions";
import { killSwitchReasonSchema } from "../../../domain/killswitch/kill-switch-fields";
import { releaseKillSwitch } from "../../../domain/killswitch/release-kill-switch";
import { orgProcedure } from "../../trpc";

export const releaseKillSwitchInput = z.object({
  id: z.string().trim().min(1).max(100),
  reason: killSwitchReasonSchema,
});

/** Resume after a kill switch: a reason is required and audited. */
export const releaseKillSwitchProcedure = orgProcedure
  .input(releaseKillSwitchInput)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "killswitch:use");
    const result = await db.$transaction((tx) => releaseKillSwitch(tx, memberContext(ctx.member), input));
    return { id: result.killSwitch.id, targetName: result.targetName, restored: result.restored };
  });
