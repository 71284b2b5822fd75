import { createTRPCRouter } from "../../trpc";
import { createEnvironmentProcedure } from "./create-environment";
import { listEnvironmentsProcedure } from "./list-environments";
import { updateEnvironmentProcedure } from "./update-environment";

export const environmentsRouter = createTRPCRouter({
  list: listEnvironmentsProcedure,
  create: createEnvironmentProcedure,
  update: updateEnvironmentProcedure,
});
