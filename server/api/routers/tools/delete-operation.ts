import { z } from "zod";
import { idSchema } from "../../../domain/agents/agent-fields";
import { authorize } from "../../../domain/auth/permissions";
import { deleteOperation } from "../../../domain/tools/delete-operation";
import { orgProcedure } from "../../trpc";

export const deleteOperationInput = z.object({ id: idSchema });

export const deleteOperationProcedure = orgProcedure
  .input(deleteOperationInput)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "tools:write");
    return deleteOperation(ctx.member, input);
  });
