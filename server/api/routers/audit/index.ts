import { createTRPCRouter } from "../../trpc";
import { listAuditEventsProcedure } from "./list-audit-events";

export const auditRouter = createTRPCRouter({ list: listAuditEventsProcedure });
