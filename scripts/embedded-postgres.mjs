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
keepExtendedQueriesWhole(server.queryQueue);
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

/**
 * pglite-socket 0.1.6 serves the messages of every connection through one queue, and keeps one
 * connection's turn only while a transaction is open. But the extended query protocol (Parse,
 * Bind, Describe, Execute … Sync) is a sequence too: interleaving two connections' sequences lets
 * one bind the other's unnamed statement — an error at best ("bind message supplies 1 parameters,
 * but prepared statement requires 2"), another query's rows at worst. So a connection also keeps
 * its turn from its first extended-protocol message to its Sync. Same loop as the library's
 * otherwise, except that a failed message no longer stops the queue for good.
 */
function keepExtendedQueriesWhole(queue) {
  const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]); // P B D E C H
  const SEQUENCE_END = new Set([0x53, 0x51, 0x58]); // Sync, simple Query, Terminate
  let midSequence = false;
  const clearQueueForHandler = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId) => {
    // A connection that went away mid-sequence must not hold the turn forever.
    if (handlerId === queue.lastHandlerId) midSequence = false;
    clearQueueForHandler(handlerId);
  };
  queue.processQueue = async function processQueue() {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        let item;
        if ((midSequence || this.db.isInTransaction()) && this.lastHandlerId !== null) {
          const index = this.queue.findIndex((q) => q.handlerId === this.lastHandlerId);
          // Wait for that connection's next message (its enqueue restarts this loop).
          if (index === -1) break;
          item = this.queue.splice(index, 1)[0];
        } else item = this.queue.shift();
        const type = item.message[0];
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          midSequence = false;
          item.reject(error);
          continue;
        }
        if (EXTENDED.has(type)) midSequence = true;
        else if (SEQUENCE_END.has(type)) midSequence = false;
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
}
