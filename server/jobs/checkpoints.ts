// Signs every org's chain heads periodically (WARDEN_CHECKPOINT_INTERVAL_MS, default hourly), so
// that an exported checkpoint pins the audit trail as it was at that time. An org whose chains
// did not move keeps its latest checkpoint. Safe on every instance: one holds the advisory lock.
import { db } from "../db";
import { createCheckpoint } from "../domain/checkpoints/create-checkpoint";
import type { JobStarter } from "./index";

const INTERVAL_MS = Number(process.env.WARDEN_CHECKPOINT_INTERVAL_MS ?? 60 * 60_000);
const LOCK = "warden:job:checkpoints";

export const startCheckpointsJob: JobStarter = ({ pool }) => {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const pass = async () => {
    const client = await pool.connect().catch(() => null);
    if (!client) return;
    try {
      const lock = await client.query<{ ok: boolean }>(
        "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok",
        [LOCK],
      );
      if (!lock.rows[0]?.ok) return;
      try {
        const orgs = await db.organization.findMany({ select: { id: true } });
        for (const org of orgs) {
          if (stopped) break;
          await createCheckpoint(db, org.id);
        }
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [LOCK]);
      }
    } catch (error) {
      console.error("[checkpoints] pass failed; retrying on the next tick:", error);
    } finally {
      client.release();
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(schedule);
    }, INTERVAL_MS);
  };
  running = pass().finally(schedule);

  return {
    name: "checkpoints",
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
};
