// Helpers for the rollup and drift integration tests (not used by the application).
import pg from "pg";
import { db } from "../../db";
import { advanceRollups } from "./advance-rollups";
import { appendChainedDecisions, type DecisionDraft } from "./append-chained-decisions";

export function testPool(max = 3): pg.Pool {
  return new pg.Pool({ connectionString: process.env.DATABASE_URL, max });
}

/**
 * Runs passes until one of this caller's own passes reads every chain to its head. Other test
 * files run the job on the same database at the same time: a skipped pass (lock held) is retried.
 */
export async function catchUp(pool: pg.Pool): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const result = await advanceRollups(pool, { maxSteps: 1000 });
    if (!result.skipped && result.caughtUp) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the rollups never caught up");
}

export async function createTestAgent(orgId: string, ownerId: string, environmentId: string, autonomy = 2) {
  return db.agent.create({
    data: {
      orgId,
      name: `agent-${Math.random().toString(36).slice(2, 10)}`,
      ownerId,
      environmentId,
      autonomy,
    },
  });
}

export function draft(
  orgId: string,
  agentId: string,
  createdAt: Date,
  over: Partial<DecisionDraft> = {},
): DecisionDraft {
  return {
    orgId,
    agentId,
    tool: "github",
    operation: "pulls.list",
    resource: "repo:acme/web",
    effect: "READ",
    outcome: "ALLOW",
    reasonCode: "ALLOWED_BY_GRANT",
    reasonMessage: "A grant allows this action.",
    createdAt,
    ...over,
  };
}

export function appendDecisions(orgId: string, writer: string, drafts: DecisionDraft[]) {
  return db.$transaction((tx) => appendChainedDecisions(tx, orgId, writer, drafts), { timeout: 60_000 });
}
