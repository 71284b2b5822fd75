import { createTRPCRouter } from "../../trpc";
import { deleteRedactionRuleProcedure } from "./delete-redaction-rule";
import { listRedactionRulesProcedure } from "./list-redaction-rules";
import { getRetentionProcedure } from "./get-retention";
import { setRetentionProcedure } from "./set-retention";
import { saveRedactionRuleProcedure } from "./save-redaction-rule";

export const redactionRouter = createTRPCRouter({
  list: listRedactionRulesProcedure,
  save: saveRedactionRuleProcedure,
  delete: deleteRedactionRuleProcedure,
  retention: getRetentionProcedure,
  setRetention: setRetentionProcedure,
});
