import { z } from "zod";
import { db } from "../../../db";
import { idSchema } from "../../../domain/agents/agent-fields";
import { MAX_DRAFT_BYTES } from "../../../domain/replay/replay-draft";
import { MAX_REPLAY_DAYS, runReplay } from "../../../domain/replay/run-replay";
import { orgProcedure } from "../../trpc";

export const simulateInput = z.object({
  agentId: idSchema,
  draft: z.string().max(MAX_DRAFT_BYTES),
  scope: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("run"), runId: idSchema }),
    z.object({ kind: z.literal("days"), days: z.number().int().min(1).max(MAX_REPLAY_DAYS) }),
  ]),
});

/**
 * Replay decisions against a draft. A query, not a mutation: it reads and changes nothing.
 * Permission (org:read) is checked inside runReplay; other orgs' agents and runs are NOT_FOUND.
 */
export const simulateProcedure = orgProcedure
  .input(simulateInput)
  .query(({ ctx, input }) => runReplay(db, ctx.member, input));
