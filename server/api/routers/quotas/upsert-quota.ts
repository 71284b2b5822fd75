import { z } from "zod";
import { idSchema } from "../../../domain/agents/agent-fields";
import { authorizeAgentScopeChanges } from "../../../domain/grants/load-changeable-agent";
import { MAX_QUOTA_LIMIT, QUOTA_METRICS, QUOTA_WINDOWS } from "../../../domain/quotas/quota-record";
import { upsertQuota } from "../../../domain/quotas/upsert-quota";
import { orgProcedure } from "../../trpc";

export const upsertQuotaInput = z.object({
  agentId: idSchema,
  metric: z.enum(QUOTA_METRICS),
  window: z.enum(QUOTA_WINDOWS),
  limit: z.number().int().min(0).max(MAX_QUOTA_LIMIT),
});

/** Set an agent's cap for one metric and window (creates it or changes its limit). */
export const upsertQuotaProcedure = orgProcedure.input(upsertQuotaInput).mutation(async ({ ctx, input }) => {
  authorizeAgentScopeChanges(ctx.member);
  return upsertQuota(ctx.member, input);
});
