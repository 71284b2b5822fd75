import { createTRPCRouter } from "../../trpc";
import { createGrantProcedure } from "./create-grant";
import { deleteGrantProcedure } from "./delete-grant";
import { listGrantsProcedure } from "./list-grants";
import { updateGrantProcedure } from "./update-grant";

export const grantsRouter = createTRPCRouter({
  list: listGrantsProcedure,
  create: createGrantProcedure,
  update: updateGrantProcedure,
  delete: deleteGrantProcedure,
});
