import { createTRPCRouter } from "../../trpc";
import { currentDraftProcedure } from "./current-draft";
import { simulateProcedure } from "./simulate";

export const replayRouter = createTRPCRouter({
  currentDraft: currentDraftProcedure,
  simulate: simulateProcedure,
});
