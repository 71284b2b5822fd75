import { z } from "zod";
import { db } from "../../../db";
import { idSchema } from "../../../domain/agents/agent-fields";
import { authorize, canManageAgent } from "../../../domain/auth/permissions";
import { getAgentDrift } from "../../../domain/drift/get-agent-drift";
import { orgProcedure } from "../../trpc";

export const getAgentDriftInput = z.object({
  agentId: idSchema,
  /** Try other windows without saving them. */
  baselineDays: z.number().int().min(1).max(90).optional(),
  currentHours: z.number().int().min(1).max(168).optional(),
});

/** One agent's drift report: readable by every member; `canManage` tells the page whether to offer changes. */
export const getAgentDriftProcedure = orgProcedure.input(getAgentDriftInput).query(async ({ ctx, input }) => {
  authorize(ctx.member, "org:read");
  const { agentId, ...override } = input;
  const drift = await getAgentDrift(db, ctx.member.orgId, agentId, override);
  return { ...drift, canManage: canManageAgent(ctx.member, drift.agent) };
});
