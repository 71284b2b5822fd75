import { idSchema } from "../../../domain/agents/agent-fields";
import { authorize } from "../../../domain/auth/permissions";
import { redactionRuleFields } from "../../../domain/redaction/redaction-rule-input";
import { saveRedactionRule } from "../../../domain/redaction/save-redaction-rule";
import { orgProcedure } from "../../trpc";

export const saveRedactionRuleInput = redactionRuleFields.extend({
  toolId: idSchema,
  /** Absent: a new rule. */
  id: idSchema.optional(),
});

export const saveRedactionRuleProcedure = orgProcedure
  .input(saveRedactionRuleInput)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "tools:write");
    return saveRedactionRule(ctx.member, input);
  });
