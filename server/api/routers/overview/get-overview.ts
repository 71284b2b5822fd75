import { db } from "../../../db";
import { authorize } from "../../../domain/auth/permissions";
import { getOverview } from "../../../domain/overview/get-overview";
import { orgProcedure } from "../../trpc";

/** The fleet at a glance: every member of the org may read it. */
export const getOverviewProcedure = orgProcedure.query(({ ctx }) => {
  authorize(ctx.member, "org:read");
  return getOverview(db, ctx.member.orgId);
});
