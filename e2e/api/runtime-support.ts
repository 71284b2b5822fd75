// Support for the runtime API specs: the e2e server's database (written by scripts/e2e-server.mjs)
// and credentials issued the only way there is, the command line.
import { execFile } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = fileURLToPath(new URL("../..", import.meta.url));

export function e2eDatabaseUrl(): string {
  return fs.readFileSync(`${root}/test-results/e2e-database-url`, "utf8").trim();
}

/** `warden credentials issue <agent> --org acme`: the secret is the command's only output. */
export function issueCredential(agent: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [`${root}/scripts/warden.mjs`, "credentials", "issue", agent, "--org", "acme", "--label", "e2e"],
      { cwd: root, env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() }, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`warden credentials issue ${agent} failed: ${stderr || error.message}`));
        else resolve(stdout.trim());
      },
    );
  });
}

/** A query on the e2e database, for what only people in the console do (deciding approvals). */
export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export const uniqueKey = (label: string) =>
  `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
