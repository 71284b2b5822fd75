// The benchmark's own database: created fresh on a local Postgres server, migrated, and dropped
// at the end, so that a benchmark never writes its thousand agents and its decisions into a
// database someone uses.
import pg from "pg";
import { migrate } from "../scripts/lib/migrate.mjs";

const DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

export type BenchDatabase = { url: string; name: string; drop: () => Promise<void> };

/** The server to create the database on: the one named, else TEST_DATABASE_URL's, else the local one. */
export function benchServerUrl(explicit?: string): string {
  return explicit ?? process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER;
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  // CREATE/DROP DATABASE cannot run inside the database itself: use the server's `postgres` one.
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `warden_bench_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(serverUrl, name);
  const drop = () =>
    onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
      () => undefined,
    );
  try {
    await migrate(url, { quiet: true });
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
  return { url, name, drop };
}
