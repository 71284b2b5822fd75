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
    // A database that stops answering (rather than refusing) must not hold requests forever: the
    // query fails, the batch answers STORE_UNAVAILABLE, and the connection is discarded.
    query_timeout: Number(process.env.WARDEN_RUNTIME_QUERY_TIMEOUT_MS ?? 5_000),
    keepAlive: true,
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", (error) => console.error("postgres pool:", error.message));
  return pool;
}
