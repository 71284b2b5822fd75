import { z } from "zod";
import { db } from "../../../db";
import { memberContext } from "../../../domain/agents/change-context";
import { authorize } from "../../../domain/auth/permissions";
import { createEnvironment } from "../../../domain/environments/create-environment";
import { environmentNameSchema, isProductionSchema } from "../../../domain/environments/environment-fields";
import { orgProcedure } from "../../trpc";

export const createEnvironmentInput = z.object({
  name: environmentNameSchema,
  isProduction: isProductionSchema,
});

/** Add an environment (ADMIN). */
export const createEnvironmentProcedure = orgProcedure
  .input(createEnvironmentInput)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "environments:manage");
    return db.$transaction((tx) => createEnvironment(tx, memberContext(ctx.member), input));
  });
