import { z } from "zod";
import { authorize } from "../../../domain/auth/permissions";
import { MAX_RETENTION_DAYS, setRetentionPeriod } from "../../../domain/retention/set-retention-period";
import { orgProcedure } from "../../trpc";

export const setRetentionInput = z.object({
  retentionDays: z
    .number()
    .int("Enter a whole number of days.")
    .min(1, "Keep payloads for at least one day.")
    .max(MAX_RETENTION_DAYS, `At most ${MAX_RETENTION_DAYS} days.`)
    .nullable(),
});

/** Set or clear the retention period (ADMIN; audited). */
export const setRetentionProcedure = orgProcedure
  .input(setRetentionInput)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "settings:manage");
    return setRetentionPeriod(ctx.member, input);
  });
