import { z } from "zod";
import { idSchema } from "../../../domain/agents/agent-fields";
import { authorizeAgentScopeChanges } from "../../../domain/grants/load-changeable-agent";
import { deleteQuota } from "../../../domain/quotas/delete-quota";
import { orgProcedure } from "../../trpc";

export const deleteQuotaInput = z.object({ id: idSchema });

export const deleteQuotaProcedure = orgProcedure.input(deleteQuotaInput).mutation(async ({ ctx, input }) => {
  authorizeAgentScopeChanges(ctx.member);
  return deleteQuota(ctx.member, input);
});
