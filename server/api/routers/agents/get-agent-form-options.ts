import { z } from "zod";
import { db } from "../../../db";
import { getAgentFormOptions } from "../../../domain/agents/get-agent-form-options";
import { orgProcedure } from "../../trpc";

export const getAgentFormOptionsInput = z.object({}).optional();

/** Choices for the agent form. Permission (org:read) is checked inside getAgentFormOptions. */
export const getAgentFormOptionsProcedure = orgProcedure
  .input(getAgentFormOptionsInput)
  .query(({ ctx }) => getAgentFormOptions(db, ctx.member));
