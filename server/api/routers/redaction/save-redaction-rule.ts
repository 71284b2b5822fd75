import { z } from "zod";
import { authorize } from "../../../domain/auth/permissions";
import { redactionRuleFields } from "../../../domain/redaction/redaction-rule-input";
import { saveRedactionRule } from "../../../domain/redaction/save-redaction-rule";
import { orgProcedure } from "../../trpc";

export const saveRedactionRuleInput = redactionRuleFields.extend({
  toolId: z.string().min(1).max(100),
  /** Absent: a new rule. */
  id: z.string().min(1).max(100).optional(),
});

export const saveRedactionRuleProcedure = orgProcedure
  .input(saveRedactionRuleInput)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "tools:write");
    return saveRedactionRule(ctx.member, input);
  });
