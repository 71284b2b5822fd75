import { z } from "zod";
import { idSchema } from "../../../domain/agents/agent-fields";
import { deleteGrant } from "../../../domain/grants/delete-grant";
import { authorizeAgentScopeChanges } from "../../../domain/grants/load-changeable-agent";
import { orgProcedure } from "../../trpc";

export const deleteGrantInput = z.object({ id: idSchema });

export const deleteGrantProcedure = orgProcedure.input(deleteGrantInput).mutation(async ({ ctx, input }) => {
  authorizeAgentScopeChanges(ctx.member);
  return deleteGrant(ctx.member, input);
});
