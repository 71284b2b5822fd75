#!/usr/bin/env node
// `npm start`: everything Warden needs, from a fresh clone, in one command.
//  1. a database: DATABASE_URL if set, else an embedded Postgres (PGlite) kept in .warden/pgdata;
//  2. migrations, then the demo org if the database has no org yet (its sign-in is printed);
//  3. a production build, if the sources changed since the last one;
//  4. the server (console, tRPC and the runtime API on one port; PORT, default 3000).
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { migrate } from "./lib/migrate.mjs";
import { buildIsCurrent, writeBuildStamp } from "./lib/build-stamp.mjs";
import { loadOrCreateSecret } from "./lib/local-secrets.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const stateDir = path.join(root, ".warden");
const dev = process.argv.includes("--dev");
const children = [];

function run(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? command)} exited with ${code}`)),
    );
    child.on("error", reject);
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function startEmbeddedPostgres() {
  const dataDir = path.join(stateDir, "pgdata");
  const port = Number(process.env.WARDEN_EMBEDDED_PG_PORT ?? (await freePort()));
  console.log(`No DATABASE_URL: starting the embedded Postgres (data in ${path.relative(root, dataDir)}/) …`);
  const child = spawn(
    process.execPath,
    [path.join(root, "scripts/embedded-postgres.mjs"), dataDir, String(port)],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = out.match(/ready (\S+)/);
      if (match) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`The embedded Postgres stopped (exit ${code}).`)));
  });
}

async function hasAnyOrg(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT count(*)::int AS n FROM organizations");
    return rows[0].n > 0;
  } finally {
    await client.end();
  }
}

function shutdown(code = 0) {
  for (const child of children) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 500).unref();
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

try {
  fs.mkdirSync(stateDir, { recursive: true });
  const port = Number(process.env.PORT ?? 3000);
  const databaseUrl = process.env.DATABASE_URL || (await startEmbeddedPostgres());
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? loadOrCreateSecret(stateDir, "auth-secret"),
    NODE_ENV: dev ? "development" : "production",
  };
  if (!process.env.DATABASE_URL) {
    // PGlite serves a few connections and one query at a time: keep the pools small.
    env.WARDEN_DB_POOL ??= "4";
    env.WARDEN_RUNTIME_POOL ??= "4";
  }

  await migrate(databaseUrl);

  const demoPasswordFile = path.join(stateDir, "demo-password");
  if (process.env.WARDEN_SEED !== "0" && !(await hasAnyOrg(databaseUrl))) {
    console.log("Empty database: seeding the demo org …");
    const password = process.env.WARDEN_DEMO_PASSWORD ?? loadOrCreateSecret(stateDir, "demo-password", 12);
    await run(process.execPath, ["--import", "tsx", "prisma/seed.ts"], {
      ...env,
      WARDEN_DEMO_PASSWORD: password,
    });
  }

  if (!dev && !buildIsCurrent(root)) {
    console.log("Building the console (first start or changed sources) …");
    await run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      ...env,
      NEXT_TELEMETRY_DISABLED: "1",
    });
    writeBuildStamp(root);
  }

  const server = spawn(process.execPath, ["--import", "tsx", "server/main.ts", ...(dev ? ["--dev"] : [])], {
    cwd: root,
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "inherit",
  });
  children.push(server);
  server.on("exit", (code) => shutdown(code ?? 0));

  if (fs.existsSync(demoPasswordFile) || process.env.WARDEN_DEMO_PASSWORD) {
    const password = process.env.WARDEN_DEMO_PASSWORD ?? fs.readFileSync(demoPasswordFile, "utf8").trim();
    console.log(
      [
        "",
        `  Warden console: http://localhost:${port}`,
        '  Demo org "acme" — sign in as any of these, password: ' + password,
        "    admin@acme.test (ADMIN) · security@acme.test (SECURITY) · owner@acme.test (OWNER) · auditor@acme.test (AUDITOR)",
        "",
      ].join("\n"),
    );
  }
} catch (error) {
  console.error(`\nWarden could not start: ${error instanceof Error ? error.message : error}`);
  shutdown(1);
}
