import { db } from "../../../db";
import { authorize } from "../../../domain/auth/permissions";
import { orgProcedure } from "../../trpc";

/** The org's retention period of stored payloads (null: kept). Every member may read it. */
export const getRetentionProcedure = orgProcedure.query(async ({ ctx }) => {
  authorize(ctx.member, "org:read");
  const org = await db.organization.findUniqueOrThrow({
    where: { id: ctx.member.orgId },
    select: { retentionDays: true },
  });
  return { retentionDays: org.retentionDays };
});
