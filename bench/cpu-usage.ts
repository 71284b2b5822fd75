// CPU time spent per process during a case, from /proc (Linux; elsewhere the figures are
// missing). On a machine shared by the server, Postgres and the load generator, req/s alone does
// not say which of them the time went to; CPU microseconds per request do.
import fs from "node:fs";
import pg from "pg";

const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of a process so far, or null when /proc cannot tell. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start at the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

export type CpuSample = { server: number | null; generator: number; postgres: Map<number, number> };

export type CpuPerRequest = { server: number | null; generator: number; postgres: number | null };

/** The Postgres backends serving the benchmark database (the runtime's pool, mostly). */
async function backendPids(databaseUrl: string, database: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [database],
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

export async function sampleCpu(serverPid: number | undefined, databaseUrl: string): Promise<CpuSample> {
  const database = new URL(databaseUrl).pathname.slice(1);
  const postgres = new Map<number, number>();
  for (const pid of await backendPids(databaseUrl, database).catch(() => [])) {
    const seconds = cpuSeconds(pid);
    if (seconds !== null) postgres.set(pid, seconds);
  }
  const usage = process.cpuUsage();
  return {
    server: serverPid === undefined ? null : cpuSeconds(serverPid),
    generator: (usage.user + usage.system) / 1e6,
    postgres,
  };
}

/** Microseconds of CPU per request between two samples. */
export async function cpuPerRequest(
  before: CpuSample,
  serverPid: number | undefined,
  databaseUrl: string,
  requests: number,
): Promise<CpuPerRequest> {
  const after = await sampleCpu(serverPid, databaseUrl);
  const perRequest = (seconds: number) => (seconds * 1e6) / Math.max(1, requests);
  let postgres = 0;
  for (const [pid, seconds] of after.postgres) postgres += seconds - (before.postgres.get(pid) ?? 0);
  return {
    server: after.server === null || before.server === null ? null : perRequest(after.server - before.server),
    generator: perRequest(after.generator - before.generator),
    postgres: after.postgres.size > 0 ? perRequest(postgres) : null,
  };
}
