import { idSchema } from "../../../domain/agents/agent-fields";
import { updateGrant } from "../../../domain/grants/update-grant";
import { authorizeAgentScopeChanges } from "../../../domain/grants/load-changeable-agent";
import { orgProcedure } from "../../trpc";
import { grantFieldsInput } from "./grant-input";

export const updateGrantInput = grantFieldsInput.partial().extend({ id: idSchema });

/** Change a grant; omitted fields keep their value, `null` clears paramsSchema or expiresAt. */
export const updateGrantProcedure = orgProcedure.input(updateGrantInput).mutation(async ({ ctx, input }) => {
  authorizeAgentScopeChanges(ctx.member);
  return updateGrant(ctx.member, input);
});
