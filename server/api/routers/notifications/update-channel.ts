import { z } from "zod";
import { authorize } from "../../../domain/auth/permissions";
import { channelInputSchema } from "../../../domain/notifications/channel-fields";
import { updateChannel } from "../../../domain/notifications/update-channel";
import { orgProcedure } from "../../trpc";

export const updateChannelInput = channelInputSchema
  .omit({ kind: true })
  .partial()
  .extend({ id: z.string().min(1).max(100), enabled: z.boolean().optional() });

/** Rename a channel, change its URL, events or environment, or turn it off and on. */
export const updateChannelProcedure = orgProcedure
  .input(updateChannelInput)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "notifications:manage");
    return updateChannel(ctx.member, input);
  });
