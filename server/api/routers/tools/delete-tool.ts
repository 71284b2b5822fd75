import { z } from "zod";
import { idSchema } from "../../../domain/agents/agent-fields";
import { authorize } from "../../../domain/auth/permissions";
import { deleteTool } from "../../../domain/tools/delete-tool";
import { orgProcedure } from "../../trpc";

export const deleteToolInput = z.object({ id: idSchema });

export const deleteToolProcedure = orgProcedure.input(deleteToolInput).mutation(async ({ ctx, input }) => {
  authorize(ctx.member, "tools:write");
  return deleteTool(ctx.member, input);
});
