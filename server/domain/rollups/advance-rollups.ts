import type pg from "pg";
import {
  FOLD_DECISIONS_SQL,
  MINUTE_RETENTION_HOURS,
  MOVE_CURSORS_SQL,
  PENDING_CHAINS_SQL,
  RECOUNT_ACTIVITY_SQL,
  ROLLUP_LOCK_KEY,
} from "./rollup-sql";

export type AdvanceOptions = {
  /** Decisions folded per chain and step (one transaction folds every pending chain). */
  stepSize?: number;
  /** Upper bound on steps in one pass, so a backlog is worked off over several passes. */
  maxSteps?: number;
  /** Approvals and runs are recounted from this long before the previous pass (commit delays). */
  recountMarginMs?: number;
};

export type AdvanceResult = {
  /** Another instance held the lock: nothing was done. */
  skipped: boolean;
  /** Decision sequence numbers advanced past (rows folded, give or take an empty head). */
  decisions: number;
  /** Every chain was read to its head as it was when the pass started. */
  caughtUp: boolean;
};

const STATE_ID = "rollups";

function minuteCutoff(now: Date): Date {
  return new Date(now.getTime() - MINUTE_RETENTION_HOURS * 3_600_000);
}

async function inTransaction<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await work();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

async function tryLock(client: pg.PoolClient): Promise<boolean> {
  // Buckets are UTC; the planner's estimates for the CTEs are tiny, and nested loops over them
  // turn a 20k-row batch into seconds, so hash joins are asked for.
  await client.query("SET LOCAL TIME ZONE 'UTC'; SET LOCAL enable_nestloop = off");
  const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_xact_lock($1) AS ok", [
    ROLLUP_LOCK_KEY,
  ]);
  return rows[0]?.ok === true;
}

/**
 * One pass of the rollup job. Each step folds up to `stepSize` decisions of every chain that has
 * new ones, in one short transaction that also moves the chains' cursors, under an advisory
 * lock: a crash or a second instance can neither skip nor double-count a decision (a chain's seq
 * commits in order, so "up to seq" is exact). Approvals and runs are then recounted idempotently.
 */
export async function advanceRollups(pool: pg.Pool, options: AdvanceOptions = {}): Promise<AdvanceResult> {
  const stepSize = BigInt(options.stepSize ?? 20_000);
  const maxSteps = options.maxSteps ?? 50;
  const margin = options.recountMarginMs ?? 10 * 60_000;
  const client = await pool.connect();
  try {
    const passStart = new Date();
    let decisions = 0;
    let caughtUp = false;
    for (let step = 0; step < maxSteps && !caughtUp; step++) {
      const folded = await inTransaction(client, async () => {
        if (!(await tryLock(client))) return null;
        const pending = await client.query<{ chain_key: string; from_seq: string; head_seq: string }>(
          PENDING_CHAINS_SQL,
        );
        if (pending.rows.length === 0) return { count: 0, done: true };
        const keys: string[] = [];
        const froms: string[] = [];
        const tos: string[] = [];
        let count = 0n;
        let done = true;
        for (const chain of pending.rows) {
          const from = BigInt(chain.from_seq);
          const head = BigInt(chain.head_seq);
          const to = from + stepSize < head ? from + stepSize : head;
          if (to < head) done = false;
          keys.push(chain.chain_key);
          froms.push(from.toString());
          tos.push(to.toString());
          count += to - from;
        }
        await client.query(FOLD_DECISIONS_SQL, [keys, froms, tos, minuteCutoff(passStart)]);
        await client.query(MOVE_CURSORS_SQL, [keys, tos]);
        return { count: Number(count), done };
      });
      if (!folded) return { skipped: true, decisions, caughtUp: false };
      decisions += folded.count;
      caughtUp = folded.done;
    }

    const skipped = await inTransaction(client, async () => {
      if (!(await tryLock(client))) return true;
      const state = await client.query<{ last_pass_at: Date }>(
        "SELECT last_pass_at FROM rollup_state WHERE id = $1",
        [STATE_ID],
      );
      const previous = state.rows[0]?.last_pass_at ?? new Date(0);
      const recountFrom = new Date(Math.max(0, previous.getTime() - margin));
      recountFrom.setUTCMinutes(0, 0, 0);
      await client.query(RECOUNT_ACTIVITY_SQL, [recountFrom, minuteCutoff(passStart)]);
      await client.query(
        `INSERT INTO rollup_state (id, caught_up_at, last_pass_at) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET last_pass_at = excluded.last_pass_at,
           caught_up_at = CASE WHEN $4 THEN excluded.caught_up_at ELSE rollup_state.caught_up_at END`,
        [STATE_ID, caughtUp ? passStart : new Date(0), passStart, caughtUp],
      );
      return false;
    });
    return { skipped, decisions, caughtUp: caughtUp && !skipped };
  } finally {
    client.release();
  }
}

/** Drops minute buckets older than their retention; hour buckets stay. */
export async function pruneMinuteRollups(pool: pg.Pool, now = new Date()): Promise<number> {
  const result = await pool.query(
    `DELETE FROM agent_rollups WHERE granularity = 'MINUTE' AND bucket_start < $1`,
    [minuteCutoff(now)],
  );
  return result.rowCount ?? 0;
}
