import { z } from "zod";
import { db } from "../../../db";
import {
  agentNameSchema,
  agentPurposeSchema,
  autonomySchema,
  idSchema,
} from "../../../domain/agents/agent-fields";
import { memberContext } from "../../../domain/agents/change-context";
import { registerAgent } from "../../../domain/agents/register-agent";
import { authorize } from "../../../domain/auth/permissions";
import { orgProcedure } from "../../trpc";

export const createAgentInput = z.object({
  name: agentNameSchema,
  purpose: agentPurposeSchema.default(""),
  ownerId: idSchema.optional(),
  environmentId: idSchema,
  autonomy: autonomySchema,
  parentId: idSchema.nullish(),
});

/** Register an agent. Only ADMIN may name another owner (checked in registerAgent). */
export const createAgentProcedure = orgProcedure.input(createAgentInput).mutation(async ({ ctx, input }) => {
  authorize(ctx.member, "agents:create");
  const agent = await db.$transaction((tx) => registerAgent(tx, memberContext(ctx.member), input));
  return { id: agent.id };
});
