import { createTRPCRouter } from "../../trpc";
import { listAuditEventsProcedure } from "./list-audit-events";
import { listCheckpointsProcedure } from "./list-checkpoints";
import { searchAuditTrailProcedure } from "./search-audit-trail";
import { verifyIntegrityProcedure } from "./verify-integrity";

export const auditRouter = createTRPCRouter({
  list: listAuditEventsProcedure,
  search: searchAuditTrailProcedure,
  verify: verifyIntegrityProcedure,
  checkpoints: listCheckpointsProcedure,
});
