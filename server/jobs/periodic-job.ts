// The skeleton shared by the jobs that run one pass every interval: passes never overlap (the next
// is scheduled when one ends), a failed pass is logged and retried on the next tick, and stop()
// waits for the pass under way. With `lock`, a pass runs only on the instance that wins a
// session-level advisory lock, held on one pool client for the duration of the pass.
import type pg from "pg";
import type { RunningJob } from "./index";

export type PeriodicJobOptions = {
  name: string;
  intervalMs: number;
  /** Pass body. `stopped()` turns true once stop() was called: long passes end early. */
  pass: (job: { stopped: () => boolean }) => Promise<void>;
  /** Run the pass under `pg_try_advisory_lock(key)`; skip it when another instance holds it. */
  lock?: { pool: pg.Pool; key: string };
  /** Wait one interval before the first pass instead of running it at start. */
  firstPassAfterInterval?: boolean;
  /** What the failure log calls a pass ("pass" unless told). */
  passNoun?: string;
};

export function startPeriodicJob(options: PeriodicJobOptions): RunningJob {
  const { name, intervalMs, lock, passNoun = "pass" } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const job = { stopped: () => stopped };

  const logFailure = (error: unknown) =>
    console.error(`[${name}] ${passNoun} failed; retrying on the next tick:`, error);

  const runUnlocked = async () => {
    try {
      await options.pass(job);
    } catch (error) {
      logFailure(error);
    }
  };

  const runLocked = async ({ pool, key }: { pool: pg.Pool; key: string }) => {
    // No connection now (pool exhausted, database restarting): the next tick tries again.
    const client = await pool.connect().catch(() => null);
    if (!client) return;
    try {
      const acquired = await client.query<{ ok: boolean }>(
        "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok",
        [key],
      );
      if (!acquired.rows[0]?.ok) return;
      try {
        await options.pass(job);
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key]);
      }
    } catch (error) {
      logFailure(error);
    } finally {
      client.release();
    }
  };

  const pass = () => (lock ? runLocked(lock) : runUnlocked());
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(schedule);
    }, intervalMs);
  };
  if (options.firstPassAfterInterval) schedule();
  else running = pass().finally(schedule);

  return {
    name,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
