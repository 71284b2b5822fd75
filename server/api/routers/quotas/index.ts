import { createTRPCRouter } from "../../trpc";
import { deleteQuotaProcedure } from "./delete-quota";
import { listQuotasProcedure } from "./list-quotas";
import { upsertQuotaProcedure } from "./upsert-quota";

export const quotasRouter = createTRPCRouter({
  list: listQuotasProcedure,
  upsert: upsertQuotaProcedure,
  delete: deleteQuotaProcedure,
});
