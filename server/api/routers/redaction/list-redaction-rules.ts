import { authorize } from "../../../domain/auth/permissions";
import { listRedactionRules } from "../../../domain/redaction/list-redaction-rules";
import { orgProcedure } from "../../trpc";

export const listRedactionRulesProcedure = orgProcedure.query(async ({ ctx }) => {
  authorize(ctx.member, "org:read");
  return listRedactionRules(ctx.member);
});
