import { z } from "zod";
import { idSchema } from "../../../domain/agents/agent-fields";
import { authorize } from "../../../domain/auth/permissions";
import { updateOperation } from "../../../domain/tools/update-operation";
import { orgProcedure } from "../../trpc";
import { effectInput, inputSchemaInput, operationDescriptionInput } from "./tool-input";

export const updateOperationInput = z.object({
  id: idSchema,
  effect: effectInput.optional(),
  description: operationDescriptionInput.optional(),
  inputSchema: inputSchemaInput.optional(),
});

/** Change an operation's effect class, description or input schema (`null` clears the schema). */
export const updateOperationProcedure = orgProcedure
  .input(updateOperationInput)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "tools:write");
    return updateOperation(ctx.member, input);
  });
