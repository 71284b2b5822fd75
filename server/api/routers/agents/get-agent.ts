import { z } from "zod";
import { db } from "../../../db";
import { idSchema } from "../../../domain/agents/agent-fields";
import { getAgent } from "../../../domain/agents/get-agent";
import { orgProcedure } from "../../trpc";

export const getAgentInput = z.object({ id: idSchema });

/** One agent's page. Permission (org:read) is checked inside getAgent. */
export const getAgentProcedure = orgProcedure
  .input(getAgentInput)
  .query(({ ctx, input }) => getAgent(db, ctx.member, input));
