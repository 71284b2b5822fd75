import { authorize } from "../../../domain/auth/permissions";
import { listChannels } from "../../../domain/notifications/list-channels";
import { orgProcedure } from "../../trpc";

/** The org's notification channels with their recent deliveries (admins and security). */
export const listChannelsProcedure = orgProcedure.query(async ({ ctx }) => {
  authorize(ctx.member, "notifications:manage");
  return listChannels(ctx.member);
});
