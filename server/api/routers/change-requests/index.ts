import { createTRPCRouter } from "../../trpc";
import { decideChangeRequestProcedure } from "./decide-change-request";
import { listChangeRequestsProcedure } from "./list-change-requests";
import { withdrawChangeRequestProcedure } from "./withdraw-change-request";

export const changeRequestsRouter = createTRPCRouter({
  list: listChangeRequestsProcedure,
  decide: decideChangeRequestProcedure,
  withdraw: withdrawChangeRequestProcedure,
});
