import { z } from "zod";
import { authorize } from "../../../domain/auth/permissions";
import { deleteRedactionRule } from "../../../domain/redaction/delete-redaction-rule";
import { orgProcedure } from "../../trpc";

export const deleteRedactionRuleProcedure = orgProcedure
  .input(z.object({ id: z.string().min(1).max(100) }))
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "tools:write");
    return deleteRedactionRule(ctx.member, input);
  });
