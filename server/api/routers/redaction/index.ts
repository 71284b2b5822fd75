import { createTRPCRouter } from "../../trpc";
import { deleteRedactionRuleProcedure } from "./delete-redaction-rule";
import { listRedactionRulesProcedure } from "./list-redaction-rules";
import { getRetentionProcedure, setRetentionProcedure } from "./retention";
import { saveRedactionRuleProcedure } from "./save-redaction-rule";

export const redactionRouter = createTRPCRouter({
  list: listRedactionRulesProcedure,
  save: saveRedactionRuleProcedure,
  delete: deleteRedactionRuleProcedure,
  retention: getRetentionProcedure,
  setRetention: setRetentionProcedure,
});
