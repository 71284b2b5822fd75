// Keeps agent_rollups at most a few seconds behind the decisions, off the /api/decide hot path:
// every PASS_INTERVAL_MS one pass folds what the decision chains gained since the last one. The
// lag shows on the overview page ("data as of …"). Safe on every instance (advisory lock).
import { advanceRollups, pruneMinuteRollups } from "../domain/rollups/advance-rollups";
import type { JobStarter } from "./index";
import { startPeriodicJob } from "./periodic-job";

const PASS_INTERVAL_MS = Number(process.env.WARDEN_ROLLUP_INTERVAL_MS ?? 5_000);
const PRUNE_EVERY_PASSES = 720;

export const startRollupsJob: JobStarter = ({ pool }) => {
  let passes = 0;
  return startPeriodicJob({
    name: "rollups",
    intervalMs: PASS_INTERVAL_MS,
    async pass({ stopped }) {
      // A backlog (after downtime) is worked off in consecutive passes without waiting.
      for (let i = 0; i < 20 && !stopped(); i++) {
        const result = await advanceRollups(pool);
        if (result.skipped || result.caughtUp) break;
      }
      if (passes++ % PRUNE_EVERY_PASSES === 0) await pruneMinuteRollups(pool);
    },
  });
};
