import { z } from "zod";
import { authorize } from "../../../domain/auth/permissions";
import { sendTestNotification } from "../../../domain/notifications/send-test-notification";
import { orgProcedure } from "../../trpc";

/** Queue a test message to a channel (delivered by the notification job within seconds). */
export const sendTestProcedure = orgProcedure
  .input(z.object({ id: z.string().min(1).max(100) }))
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "notifications:manage");
    return sendTestNotification(ctx.member, input);
  });
