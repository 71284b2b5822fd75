// Purges stored tool payloads older than each org's retention period (WARDEN_RETENTION_INTERVAL_MS,
// default hourly). Each page of a purge is one transaction with its audit event, so a stopped or
// crashed pass leaves nothing half-applied and the next one continues. One instance at a time
// (advisory lock).
import { db } from "../db";
import { purgeExpiredPayloads } from "../domain/retention/purge-expired-payloads";
import type { JobStarter } from "./index";
import { startPeriodicJob } from "./periodic-job";

const INTERVAL_MS = Number(process.env.WARDEN_RETENTION_INTERVAL_MS ?? 60 * 60_000);

export const startRetentionJob: JobStarter = ({ pool }) =>
  startPeriodicJob({
    name: "retention",
    intervalMs: INTERVAL_MS,
    lock: { pool, key: "warden:job:retention" },
    async pass({ stopped }) {
      const orgs = await db.organization.findMany({
        where: { retentionDays: { not: null } },
        select: { id: true },
      });
      for (const org of orgs) {
        if (stopped()) break;
        await purgeExpiredPayloads(org.id);
      }
    },
  });
