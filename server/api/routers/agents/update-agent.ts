import { z } from "zod";
import { db } from "../../../db";
import { agentPurposeSchema, autonomySchema, idSchema } from "../../../domain/agents/agent-fields";
import { authorizeAnyAgentChange, memberContext } from "../../../domain/agents/change-context";
import { updateAgent } from "../../../domain/agents/update-agent";
import { orgProcedure } from "../../trpc";

export const updateAgentInput = z.object({
  id: idSchema,
  purpose: agentPurposeSchema.optional(),
  autonomy: autonomySchema.optional(),
  ownerId: idSchema.optional(),
});

/** Change an agent's settings. updateAgent checks that the member may change this agent. */
export const updateAgentProcedure = orgProcedure.input(updateAgentInput).mutation(async ({ ctx, input }) => {
  authorizeAnyAgentChange(ctx.member);
  const agent = await db.$transaction((tx) => updateAgent(tx, memberContext(ctx.member), input));
  return { id: agent.id, signOff: agent.signOff ?? null };
});
