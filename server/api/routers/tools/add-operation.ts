import { z } from "zod";
import { idSchema } from "../../../domain/agents/agent-fields";
import { authorize } from "../../../domain/auth/permissions";
import { addOperation } from "../../../domain/tools/add-operation";
import { orgProcedure } from "../../trpc";
import { effectInput, inputSchemaInput, operationDescriptionInput, operationNameInput } from "./tool-input";

export const addOperationInput = z.object({
  toolId: idSchema,
  name: operationNameInput,
  effect: effectInput,
  description: operationDescriptionInput.optional(),
  inputSchema: inputSchemaInput.optional(),
});

export const addOperationProcedure = orgProcedure
  .input(addOperationInput)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "tools:write");
    return addOperation(ctx.member, input);
  });
