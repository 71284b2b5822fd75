#!/usr/bin/env node
// The server Playwright drives: a fresh database on the local Postgres (TEST_DATABASE_URL's
// server), then `npm start`'s own path (migrate, seed, build if needed, serve). The database is
// dropped when Playwright stops the server.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const admin = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const host = new URL(admin).hostname;
if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
  console.error(`Refusing to run end-to-end tests against a non-local database (${host}).`);
  process.exit(2);
}
const name = `warden_e2e_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
const url = new URL(admin);
url.pathname = `/${name}`;

async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

await adminQuery(`CREATE DATABASE "${name}"`);
// API specs act where no HTTP call can (issuing credentials with the CLI, deciding approvals in
// SQL): they find the database here. Written after Playwright empties test-results.
const DATABASE_URL_FILE = path.join(root, "test-results", "e2e-database-url");
fs.mkdirSync(path.dirname(DATABASE_URL_FILE), { recursive: true });
fs.writeFileSync(DATABASE_URL_FILE, url.toString());
const server = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
  cwd: root,
  env: {
    ...process.env,
    DATABASE_URL: url.toString(),
    PORT: process.env.E2E_PORT ?? "3100",
    HOST: "127.0.0.1",
    NEXTAUTH_URL: `http://127.0.0.1:${process.env.E2E_PORT ?? "3100"}`,
    NEXTAUTH_SECRET: "e2e-secret-not-for-production",
    WARDEN_BCRYPT_COST: "6",
    // The e2e notification receivers listen on 127.0.0.1.
    WARDEN_ALLOW_PRIVATE_WEBHOOKS: "1",
  },
  stdio: "inherit",
});

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  server.kill("SIGTERM");
  fs.rmSync(DATABASE_URL_FILE, { force: true });
  await new Promise((r) => setTimeout(r, 1000));
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
  process.exit(code);
}
server.on("exit", (code) => void stop(code ?? 0));
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
