import { createTRPCRouter } from "../../trpc";
import { getRunProcedure } from "./get-run";
import { listRunsProcedure } from "./list-runs";
import { runTimelineProcedure } from "./run-timeline";

export const runsRouter = createTRPCRouter({
  list: listRunsProcedure,
  get: getRunProcedure,
  timeline: runTimelineProcedure,
});
