import { z } from "zod";
import { authorize } from "../../../domain/auth/permissions";
import { deleteChannel } from "../../../domain/notifications/delete-channel";
import { orgProcedure } from "../../trpc";

/** Remove a channel and its delivery history. */
export const deleteChannelProcedure = orgProcedure
  .input(z.object({ id: z.string().min(1).max(100) }))
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "notifications:manage");
    return deleteChannel(ctx.member, input);
  });
