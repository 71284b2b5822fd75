// Evaluates every active agent's drift against its thresholds once a minute and records alerts
// (and automatic demotions, where an agent opted in). Two instances may run it at once: each
// agent is evaluated under a per-agent advisory lock and an open alert is never duplicated.
import { db } from "../db";
import { evaluateDrift } from "../domain/drift/evaluate-drift";
import type { JobStarter } from "./index";

const INTERVAL_MS = Number(process.env.WARDEN_DRIFT_INTERVAL_MS ?? 60_000);

export const startDriftJob: JobStarter = () => {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const pass = async () => {
    try {
      await evaluateDrift(db);
      await db.rollupState.updateMany({ where: { id: "rollups" }, data: { driftCheckedAt: new Date() } });
    } catch (error) {
      console.error("[drift] evaluation failed; retrying on the next tick:", error);
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(schedule);
    }, INTERVAL_MS);
  };
  // The first pass waits one interval, so the rollups job has caught up after a start.
  schedule();

  return {
    name: "drift",
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
};
