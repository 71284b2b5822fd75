// The zero-setup database: PGlite (Postgres 17 compiled to WebAssembly) with its data in a local
// folder, served over the Postgres wire protocol so the app uses it exactly like a real server.
// Runs in its own process because PGlite executes queries on the thread that hosts it.
//
//   node scripts/embedded-postgres.mjs <data-dir> <port>
// Prints `ready postgresql://…` on stdout once it accepts connections.
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

const [dataDir, portArg] = process.argv.slice(2);
if (!dataDir || !portArg) {
  console.error("usage: embedded-postgres.mjs <data-dir> <port>");
  process.exit(2);
}
fs.mkdirSync(dataDir, { recursive: true });

const db = await PGlite.create({ dataDir });
// 24 connections: the app's pools, the commit slots and the LISTEN connections; PGlite runs one query at a time anyway.
const server = new PGLiteSocketServer({ db, port: Number(portArg), host: "127.0.0.1", maxConnections: 24 });
await server.start();
console.log(`ready postgresql://postgres:postgres@127.0.0.1:${portArg}/postgres?sslmode=disable`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.stop().catch(() => {});
  await db.close().catch(() => {});
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
// Stop with the parent, so a crashed `npm start` never leaves the data folder locked.
process.on("disconnect", stop);
