// Evaluates every active agent's drift against its thresholds once a minute and records alerts
// (and automatic demotions, where an agent opted in). Two instances may run it at once: each
// agent is evaluated under a per-agent advisory lock and an open alert is never duplicated.
import { db } from "../db";
import { evaluateDrift } from "../domain/drift/evaluate-drift";
import type { JobStarter } from "./index";
import { startPeriodicJob } from "./periodic-job";

const INTERVAL_MS = Number(process.env.WARDEN_DRIFT_INTERVAL_MS ?? 60_000);

export const startDriftJob: JobStarter = () =>
  startPeriodicJob({
    name: "drift",
    intervalMs: INTERVAL_MS,
    passNoun: "evaluation",
    // The first pass waits one interval, so the rollups job has caught up after a start.
    firstPassAfterInterval: true,
    async pass() {
      await evaluateDrift(db);
      await db.rollupState.updateMany({ where: { id: "rollups" }, data: { driftCheckedAt: new Date() } });
    },
  });
