// Signs every org's chain heads periodically (WARDEN_CHECKPOINT_INTERVAL_MS, default hourly), so
// that an exported checkpoint pins the audit trail as it was at that time. An org whose chains
// did not move keeps its latest checkpoint. Safe on every instance: one holds the advisory lock.
import { db } from "../db";
import { createCheckpoint } from "../domain/checkpoints/create-checkpoint";
import type { JobStarter } from "./index";
import { startPeriodicJob } from "./periodic-job";

const INTERVAL_MS = Number(process.env.WARDEN_CHECKPOINT_INTERVAL_MS ?? 60 * 60_000);

export const startCheckpointsJob: JobStarter = ({ pool }) =>
  startPeriodicJob({
    name: "checkpoints",
    intervalMs: INTERVAL_MS,
    lock: { pool, key: "warden:job:checkpoints" },
    async pass({ stopped }) {
      const orgs = await db.organization.findMany({ select: { id: true } });
      for (const org of orgs) {
        if (stopped()) break;
        await createCheckpoint(db, org.id);
      }
    },
  });
