// Purges stored tool payloads older than each org's retention period (WARDEN_RETENTION_INTERVAL_MS,
// default hourly). Each page of a purge is one transaction with its audit event, so a stopped or
// crashed pass leaves nothing half-applied and the next one continues. One instance at a time
// (advisory lock).
import { db } from "../db";
import { purgeExpiredPayloads } from "../domain/retention/purge-expired-payloads";
import type { JobStarter } from "./index";

const INTERVAL_MS = Number(process.env.WARDEN_RETENTION_INTERVAL_MS ?? 60 * 60_000);
const LOCK = "warden:job:retention";

export const startRetentionJob: JobStarter = ({ pool }) => {
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
        const orgs = await db.organization.findMany({
          where: { retentionDays: { not: null } },
          select: { id: true },
        });
        for (const org of orgs) {
          if (stopped) break;
          await purgeExpiredPayloads(org.id);
        }
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [LOCK]);
      }
    } catch (error) {
      console.error("[retention] pass failed; retrying on the next tick:", error);
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
    name: "retention",
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
};
