import { z } from "zod";
import { db } from "../../../db";
import { authorize } from "../../../domain/auth/permissions";
import { MAX_RETENTION_DAYS, setRetentionPeriod } from "../../../domain/retention/set-retention-period";
import { orgProcedure } from "../../trpc";

export const getRetentionProcedure = orgProcedure.query(async ({ ctx }) => {
  authorize(ctx.member, "org:read");
  const org = await db.organization.findUniqueOrThrow({
    where: { id: ctx.member.orgId },
    select: { retentionDays: true },
  });
  return { retentionDays: org.retentionDays };
});

export const setRetentionProcedure = orgProcedure
  .input(z.object({ retentionDays: z.number().int().min(1).max(MAX_RETENTION_DAYS).nullable() }))
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "settings:manage");
    return setRetentionPeriod(ctx.member, input);
  });
