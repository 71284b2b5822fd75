import { db } from "../../../db";
import { authorize } from "../../../domain/auth/permissions";
import { orgProcedure } from "../../trpc";

/** The org's environments with how many agents live in each (decommissioned ones are history, not counted). */
export const listEnvironmentsProcedure = orgProcedure.query(async ({ ctx }) => {
  authorize(ctx.member, "org:read");
  const environments = await db.environment.findMany({
    where: { orgId: ctx.member.orgId },
    select: {
      id: true,
      name: true,
      isProduction: true,
      frozen: true,
      _count: { select: { agents: { where: { status: { not: "DECOMMISSIONED" } } } } },
    },
    orderBy: { name: "asc" },
    take: 200,
  });
  return environments.map(({ _count, ...environment }) => ({ ...environment, agentCount: _count.agents }));
});
