import { z } from "zod";
import { db } from "../../../db";
import { idSchema } from "../../../domain/agents/agent-fields";
import { getCurrentDraft } from "../../../domain/replay/current-draft";
import { orgProcedure } from "../../trpc";

/** The agent's grants and quotas as an editable draft. Permission (org:read) checked inside. */
export const currentDraftProcedure = orgProcedure
  .input(z.object({ agentId: idSchema }))
  .query(({ ctx, input }) => getCurrentDraft(db, ctx.member, input));
