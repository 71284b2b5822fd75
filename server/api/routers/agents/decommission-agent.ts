import { z } from "zod";
import { db } from "../../../db";
import { idSchema, reasonSchema } from "../../../domain/agents/agent-fields";
import { authorizeAnyAgentChange, memberContext } from "../../../domain/agents/change-context";
import { decommissionAgent } from "../../../domain/agents/decommission-agent";
import { orgProcedure } from "../../trpc";

export const decommissionAgentInput = z.object({
  id: idSchema,
  reason: reasonSchema,
  confirmName: z.string().max(100),
});

/** Retire an agent for good. decommissionAgent checks that the member may change this agent. */
export const decommissionAgentProcedure = orgProcedure
  .input(decommissionAgentInput)
  .mutation(async ({ ctx, input }) => {
    authorizeAnyAgentChange(ctx.member);
    const { agent } = await db.$transaction((tx) => decommissionAgent(tx, memberContext(ctx.member), input));
    return { id: agent.id };
  });
