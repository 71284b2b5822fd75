import { z } from "zod";
import { authorize } from "../../../domain/auth/permissions";
import { withdrawChangeRequest } from "../../../domain/change-requests/withdraw-change-request";
import { orgProcedure } from "../../trpc";

export const withdrawChangeRequestInput = z.object({ id: z.string().min(1).max(100) });

/** The requester (or an admin) withdraws their own pending change request. */
export const withdrawChangeRequestProcedure = orgProcedure
  .input(withdrawChangeRequestInput)
  .mutation(async ({ ctx, input }) => {
    // Any member may try; the domain checks they asked for it (or are an admin).
    authorize(ctx.member, "org:read");
    return withdrawChangeRequest(ctx.member, input);
  });
