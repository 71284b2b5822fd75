import { z } from "zod";
import { idSchema } from "../../../domain/agents/agent-fields";
import { authorize } from "../../../domain/auth/permissions";
import { listGrants } from "../../../domain/grants/list-grants";
import { orgProcedure } from "../../trpc";

export const listGrantsInput = z.object({ agentId: idSchema });

/** An agent's grants with the catalog operations each one matches. */
export const listGrantsProcedure = orgProcedure.input(listGrantsInput).query(async ({ ctx, input }) => {
  authorize(ctx.member, "org:read");
  return listGrants(ctx.member, input.agentId);
});
