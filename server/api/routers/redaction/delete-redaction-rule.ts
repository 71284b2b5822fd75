import { z } from "zod";
import { idSchema } from "../../../domain/agents/agent-fields";
import { authorize } from "../../../domain/auth/permissions";
import { deleteRedactionRule } from "../../../domain/redaction/delete-redaction-rule";
import { orgProcedure } from "../../trpc";

export const deleteRedactionRuleProcedure = orgProcedure
  .input(z.object({ id: idSchema }))
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "tools:write");
    return deleteRedactionRule(ctx.member, input);
  });
