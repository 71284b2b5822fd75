import { z } from "zod";
import { deleteGrant } from "../../../domain/grants/delete-grant";
import { authorizeAgentScopeChanges } from "../../../domain/grants/load-changeable-agent";
import { orgProcedure } from "../../trpc";

export const deleteGrantInput = z.object({ id: z.string().min(1) });

export const deleteGrantProcedure = orgProcedure.input(deleteGrantInput).mutation(async ({ ctx, input }) => {
  authorizeAgentScopeChanges(ctx.member);
  return deleteGrant(ctx.member, input);
});
