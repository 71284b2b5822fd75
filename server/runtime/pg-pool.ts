import pg from "pg";

// The runtime API talks to Postgres through pg directly: the hot path is a handful of hand-written
// statements, and an ORM layer per call costs throughput (see STACK-NOTES).
export function createPgPool(
  connectionString: string,
  max = Number(process.env.WARDEN_RUNTIME_POOL ?? 10),
): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", (error) => console.error("postgres pool:", error.message));
  return pool;
}
