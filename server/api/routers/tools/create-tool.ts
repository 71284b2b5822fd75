import { z } from "zod";
import { authorize } from "../../../domain/auth/permissions";
import { createTool } from "../../../domain/tools/create-tool";
import { orgProcedure } from "../../trpc";
import { toolDescriptionInput, toolNameInput } from "./tool-input";

export const createToolInput = z.object({
  name: toolNameInput,
  description: toolDescriptionInput.optional(),
});

export const createToolProcedure = orgProcedure.input(createToolInput).mutation(async ({ ctx, input }) => {
  authorize(ctx.member, "tools:write");
  return createTool(ctx.member, input);
});
