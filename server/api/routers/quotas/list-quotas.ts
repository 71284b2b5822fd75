import { z } from "zod";
import { idSchema } from "../../../domain/agents/agent-fields";
import { authorize } from "../../../domain/auth/permissions";
import { listQuotas } from "../../../domain/quotas/list-quotas";
import { orgProcedure } from "../../trpc";

export const listQuotasInput = z.object({ agentId: idSchema });

/** An agent's quotas with the current window's usage. */
export const listQuotasProcedure = orgProcedure.input(listQuotasInput).query(async ({ ctx, input }) => {
  authorize(ctx.member, "org:read");
  return listQuotas(ctx.member, input.agentId);
});
