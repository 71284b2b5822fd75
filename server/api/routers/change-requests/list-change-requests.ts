import { z } from "zod";
import { authorize } from "../../../domain/auth/permissions";
import { CHANGE_KINDS } from "../../../domain/change-requests/change-request-payload";
import { listChangeRequests } from "../../../domain/change-requests/list-change-requests";
import { orgProcedure } from "../../trpc";

export const listChangeRequestsInput = z.object({
  state: z.enum(["pending", "decided"]).default("pending"),
  agentId: z.string().min(1).max(100).optional(),
  kinds: z.array(z.enum(CHANGE_KINDS)).max(CHANGE_KINDS.length).optional(),
});

/** The org's change requests (pending, or the decided history), optionally of one agent. */
export const listChangeRequestsProcedure = orgProcedure
  .input(listChangeRequestsInput)
  .query(async ({ ctx, input }) => {
    authorize(ctx.member, "org:read");
    return listChangeRequests(ctx.member, input);
  });
