import { createTRPCRouter } from "../../trpc";
import { changePasswordProcedure } from "./change-password";

export const accountRouter = createTRPCRouter({ changePassword: changePasswordProcedure });
