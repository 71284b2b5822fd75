import { createTRPCRouter } from "../../trpc";
import { decideChangeRequestProcedure } from "./decide-change-request";
import { listChangeRequestsProcedure } from "./list-change-requests";

export const changeRequestsRouter = createTRPCRouter({
  list: listChangeRequestsProcedure,
  decide: decideChangeRequestProcedure,
});
