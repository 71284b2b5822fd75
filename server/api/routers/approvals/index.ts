import { createTRPCRouter } from "../../trpc";
import { countPendingApprovalsProcedure } from "./count-pending";
import { getApprovalProcedure } from "./get-approval";
import { listApprovalHistoryProcedure } from "./list-history";
import { listPendingApprovalsProcedure } from "./list-pending";
import { voteOnApprovalProcedure } from "./vote";

export const approvalsRouter = createTRPCRouter({
  listPending: listPendingApprovalsProcedure,
  countPending: countPendingApprovalsProcedure,
  get: getApprovalProcedure,
  vote: voteOnApprovalProcedure,
  listHistory: listApprovalHistoryProcedure,
});
