// Background jobs of the full server (not of the runtime-only process): notification delivery,
// rollups, retention, checkpoints… Each job lives in server/jobs/<name>.ts, is safe to run on
// every instance at once (it claims work with row locks or advisory locks), and is registered
// here with one line. WARDEN_JOBS=off disables them all (tests that start a server and want to
// drive a job by hand).
import type pg from "pg";
import { startCheckpointsJob } from "./checkpoints";
import { startDriftJob } from "./drift";
import { startNotificationsJob } from "./notifications";
import { startRetentionJob } from "./retention";
import { startRollupsJob } from "./rollups";

export type JobContext = {
  /** The pg pool of the process (not the hot path's batch connections). */
  pool: pg.Pool;
  databaseUrl: string;
};

export type RunningJob = { name: string; stop(): Promise<void> };

export type JobStarter = (context: JobContext) => RunningJob;

/** Every background job, in start order. */
const JOBS: JobStarter[] = [
  startRollupsJob,
  startDriftJob,
  startRetentionJob,
  startCheckpointsJob,
  startNotificationsJob,
];

export function startJobs(context: JobContext): { stop(): Promise<void> } {
  if (process.env.WARDEN_JOBS === "off") return { stop: async () => {} };
  const running = JOBS.map((start) => start(context));
  return {
    async stop() {
      await Promise.allSettled(running.map((job) => job.stop()));
    },
  };
}
