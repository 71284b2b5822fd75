import { z } from "zod";
import { db } from "../../../db";
import { agentStatusSchema, autonomySchema, idSchema } from "../../../domain/agents/agent-fields";
import { listAgents } from "../../../domain/agents/list-agents";
import { orgProcedure } from "../../trpc";

export const listAgentsInput = z.object({
  search: z.string().max(200).optional(),
  environmentId: idSchema.optional(),
  status: agentStatusSchema.optional(),
  ownerId: idSchema.optional(),
  autonomy: autonomySchema.optional(),
});

/** The fleet table. Permission (org:read) is checked inside listAgents. */
export const listAgentsProcedure = orgProcedure
  .input(listAgentsInput)
  .query(({ ctx, input }) => listAgents(db, ctx.member, input));
