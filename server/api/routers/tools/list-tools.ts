import { authorize } from "../../../domain/auth/permissions";
import { listTools } from "../../../domain/tools/list-tools";
import { orgProcedure } from "../../trpc";

/** The org's tool catalog with every operation's effect class and input schema. */
export const listToolsProcedure = orgProcedure.query(async ({ ctx }) => {
  authorize(ctx.member, "org:read");
  return listTools(ctx.member);
});
