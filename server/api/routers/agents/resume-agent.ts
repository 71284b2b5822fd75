import { z } from "zod";
import { db } from "../../../db";
import { idSchema, reasonSchema } from "../../../domain/agents/agent-fields";
import { authorizeAnyAgentChange, memberContext } from "../../../domain/agents/change-context";
import { resumeAgent } from "../../../domain/agents/resume-agent";
import { orgProcedure } from "../../trpc";

export const resumeAgentInput = z.object({ id: idSchema, reason: reasonSchema });

/** Resume a paused agent. resumeAgent checks that the member may change this agent. */
export const resumeAgentProcedure = orgProcedure.input(resumeAgentInput).mutation(async ({ ctx, input }) => {
  authorizeAnyAgentChange(ctx.member);
  const agent = await db.$transaction((tx) => resumeAgent(tx, memberContext(ctx.member), input));
  return { id: agent.id, status: agent.status };
});
