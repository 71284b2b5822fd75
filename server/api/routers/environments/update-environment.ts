import { z } from "zod";
import { db } from "../../../db";
import { idSchema } from "../../../domain/agents/agent-fields";
import { memberContext } from "../../../domain/agents/change-context";
import { authorize } from "../../../domain/auth/permissions";
import { isProductionSchema } from "../../../domain/environments/environment-fields";
import { updateEnvironment } from "../../../domain/environments/update-environment";
import { orgProcedure } from "../../trpc";

export const updateEnvironmentInput = z.object({ id: idSchema, isProduction: isProductionSchema });

/** Mark an environment as production or not (ADMIN); the loosening direction is audited like any other. */
export const updateEnvironmentProcedure = orgProcedure
  .input(updateEnvironmentInput)
  .mutation(async ({ ctx, input }) => {
    authorize(ctx.member, "environments:manage");
    return db.$transaction((tx) => updateEnvironment(tx, memberContext(ctx.member), input));
  });
