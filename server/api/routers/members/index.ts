import { createTRPCRouter } from "../../trpc";
import { listMembersProcedure } from "./list-members";

export const membersRouter = createTRPCRouter({ list: listMembersProcedure });
