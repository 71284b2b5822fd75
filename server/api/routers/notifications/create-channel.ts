import { authorize } from "../../../domain/auth/permissions";
import { channelInputSchema } from "../../../domain/notifications/channel-fields";
import { createChannel } from "../../../domain/notifications/create-channel";
import { orgProcedure } from "../../trpc";

/** Add a Slack or signed-webhook channel; a webhook's signing secret is in the answer, once. */
export const createChannelProcedure = orgProcedure
  .input(channelInputSchema)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "notifications:manage");
    return createChannel(ctx.member, input);
  });
