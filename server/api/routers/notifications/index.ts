import { createTRPCRouter } from "../../trpc";
import { createChannelProcedure } from "./create-channel";
import { deleteChannelProcedure } from "./delete-channel";
import { listChannelsProcedure } from "./list-channels";
import { sendTestProcedure } from "./send-test";
import { updateChannelProcedure } from "./update-channel";

export const notificationsRouter = createTRPCRouter({
  list: listChannelsProcedure,
  create: createChannelProcedure,
  update: updateChannelProcedure,
  delete: deleteChannelProcedure,
  sendTest: sendTestProcedure,
});
