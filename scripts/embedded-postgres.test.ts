// The embedded Postgres serves many connections through one PGlite: queries of different
// connections must never interleave inside one extended-protocol sequence (Parse … Sync), or one
// connection binds another's statement. Large parameters arrive in several socket reads, which is
// when the library's own queue interleaved them.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";

let child: ChildProcess;
let pool: pg.Pool;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-pglite-"));

beforeAll(async () => {
  const port = 20000 + Math.floor(Math.random() * 20000);
  child = spawn(
    process.execPath,
    [path.join(import.meta.dirname, "embedded-postgres.mjs"), dataDir, String(port)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`embedded Postgres exited with ${code}`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      const match = /ready (\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
  });
  pool = new pg.Pool({ connectionString: url, max: 12 });
}, 60_000);

afterAll(async () => {
  await pool?.end();
  child?.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it("answers each connection's parameterized queries with its own statement and rows", async () => {
  const big = "x".repeat(300_000);
  const results = await Promise.allSettled(
    Array.from({ length: 400 }, async (_, i) => {
      if (i % 2) {
        const r = await pool.query<{ v: number; n: number }>(
          "SELECT $1::int + 0 AS v, length($2::text) AS n",
          [i, big],
        );
        return r.rows[0]!.v === i && r.rows[0]!.n === big.length;
      }
      const r = await pool.query<{ v: number }>("SELECT $1::int + 1 AS v", [i]);
      return r.rows[0]!.v === i + 1;
    }),
  );
  const failures = results.filter((r) => r.status === "rejected" || !r.value);
  expect(failures).toEqual([]);
}, 60_000);
