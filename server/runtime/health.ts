import type pg from "pg";

export type Health = {
  status: "ok" | "degraded";
  database: { status: "up" | "down"; latencyMs: number | null; error?: string };
  version: string;
  uptimeSeconds: number;
};

const startedAt = Date.now();

/** Liveness and database state. No authentication, so it says nothing secret. */
export async function checkHealth(pool: pg.Pool, timeoutMs = 2_000): Promise<Health> {
  const began = performance.now();
  let database: Health["database"];
  try {
    await Promise.race([
      pool.query("SELECT 1"),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), timeoutMs)),
    ]);
    database = { status: "up", latencyMs: Math.round((performance.now() - began) * 10) / 10 };
  } catch (error) {
    database = {
      status: "down",
      latencyMs: null,
      error: error instanceof Error && error.message === "timed out" ? "timed out" : "unreachable",
    };
  }
  return {
    status: database.status === "up" ? "ok" : "degraded",
    database,
    version: process.env.npm_package_version ?? "0.1.0",
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
  };
}
