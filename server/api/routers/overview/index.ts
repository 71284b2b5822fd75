import { createTRPCRouter } from "../../trpc";
import { getOverviewProcedure } from "./get-overview";

export const overviewRouter = createTRPCRouter({
  get: getOverviewProcedure,
});
