// Warden's server: one process, one port. The runtime API (/api/decide and friends, /api/health)
// is a plain Node handler in front of Next.js, which serves the console and tRPC.
import http from "node:http";
import next from "next";
import { createPgPool } from "./runtime/pg-pool";
import { createRuntimeHandler } from "./runtime/handler";
import { databaseUrl } from "./db";
import { startJobs } from "./jobs";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";
const dev = process.argv.includes("--dev");

const app = next({ dev, dir: process.cwd(), hostname, port });
const handleNext = app.getRequestHandler();
await app.prepare();

const pool = createPgPool(databaseUrl());
const handleRuntime = createRuntimeHandler({ pool });
const jobs = startJobs({ pool, databaseUrl: databaseUrl() });

const server = http.createServer((req, res) => {
  handleRuntime(req, res)
    .then((handled) => (handled ? undefined : handleNext(req, res)))
    .catch((error: unknown) => {
      console.error("request failed:", error);
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ error: { code: "INTERNAL", message: "Something went wrong on our side." } }),
        );
      } else res.end();
    });
});
server.keepAliveTimeout = 65_000;

server.listen(port, hostname, () => {
  console.log(`Warden is listening on http://localhost:${port}`);
});

function shutdown() {
  server.close();
  void Promise.allSettled([jobs.stop(), handleRuntime.close()])
    .then(() => pool.end())
    .finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 3_000).unref();
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
