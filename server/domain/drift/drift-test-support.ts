// What the drift integration tests share: an agent whose behaviour drifts, and tRPC refusals.
import { TRPCError } from "@trpc/server";
import type pg from "pg";
import type { TestOrg } from "@/test/factories";
import { appendDecisions, catchUp, createTestAgent, draft } from "../rollups/rollup-test-support";

const HOUR = 3_600_000;

/** A week of pulls.list, then a day of merges and refusals on new repositories. */
export async function driftingAgent(
  pool: pg.Pool,
  org: TestOrg,
  autonomy = 2,
  environment: "dev" | "prod" = "prod",
) {
  const agent = await createTestAgent(org.id, org.owner.id, org.env[environment], autonomy);
  const now = Date.now();
  const drafts = [];
  for (let h = 24 * 8; h >= 25; h--) {
    for (let i = 0; i < 3; i++) drafts.push(draft(org.id, agent.id, new Date(now - h * HOUR + i * 60_000)));
  }
  for (let h = 20; h >= 1; h--) {
    for (let i = 0; i < 3; i++) {
      drafts.push(
        draft(org.id, agent.id, new Date(now - h * HOUR + i * 60_000), {
          operation: "pulls.merge",
          effect: "WRITE",
          outcome: i === 0 ? "ALLOW" : "DENY",
          reasonCode: i === 0 ? "ALLOWED_BY_GRANT" : "NO_MATCHING_GRANT",
          resource: `repo:acme/new-${h}`,
        }),
      );
    }
  }
  await appendDecisions(org.id, "drift-test", drafts);
  await catchUp(pool);
  return agent;
}

/** The code and message of the TRPCError the call fails with. */
export async function trpcFailure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}
