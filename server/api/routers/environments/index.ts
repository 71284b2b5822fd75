import { createTRPCRouter } from "../../trpc";
import { listEnvironmentsProcedure } from "./list-environments";

export const environmentsRouter = createTRPCRouter({ list: listEnvironmentsProcedure });
