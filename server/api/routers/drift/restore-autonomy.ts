import { z } from "zod";
import { db } from "../../../db";
import { idSchema } from "../../../domain/agents/agent-fields";
import { authorizeAnyAgentChange, memberContext } from "../../../domain/agents/change-context";
import { restoreAutonomy } from "../../../domain/drift/restore-autonomy";
import { orgProcedure } from "../../trpc";

export const restoreAutonomyInput = z.object({ alertId: idSchema });

/**
 * Undo an automatic demotion (owner of the agent, admins, security staff). For a production agent
 * the raise waits for security: `signOff` says so, and `autonomy` is the level still in force.
 */
export const restoreAutonomyProcedure = orgProcedure
  .input(restoreAutonomyInput)
  .mutation(async ({ ctx, input }) => {
    authorizeAnyAgentChange(ctx.member);
    const agent = await db.$transaction((tx) =>
      restoreAutonomy(tx, memberContext(ctx.member), input.alertId),
    );
    return { id: agent.id, autonomy: agent.autonomy, signOff: agent.signOff ?? null };
  });
