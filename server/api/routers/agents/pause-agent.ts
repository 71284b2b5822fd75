import { z } from "zod";
import { db } from "../../../db";
import { idSchema, reasonSchema } from "../../../domain/agents/agent-fields";
import { authorizeAnyAgentChange, memberContext } from "../../../domain/agents/change-context";
import { pauseAgent } from "../../../domain/agents/pause-agent";
import { orgProcedure } from "../../trpc";

export const pauseAgentInput = z.object({ id: idSchema, reason: reasonSchema });

/** Pause an agent. pauseAgent checks that the member may change this agent. */
export const pauseAgentProcedure = orgProcedure.input(pauseAgentInput).mutation(async ({ ctx, input }) => {
  authorizeAnyAgentChange(ctx.member);
  const agent = await db.$transaction((tx) => pauseAgent(tx, memberContext(ctx.member), input));
  return { id: agent.id, status: agent.status };
});
