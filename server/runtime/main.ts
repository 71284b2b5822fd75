// The runtime API alone (`npm run start:runtime`): /api/decide, /api/token, the JWKS and
// /api/health without the console, so that the hot path can be scaled on its own. Any number of
// these (and of the full server) can run against one database; policy changes reach all of them
// through LISTEN/NOTIFY and the version check. PORT (default 3001) and DATABASE_URL as for `npm start`.
import http from "node:http";
import { databaseUrl } from "../db";
import { createRuntimeHandler } from "./handler";
import { sendJson } from "./http-util";
import { createPgPool } from "./pg-pool";

const port = Number(process.env.PORT ?? 3001);
const hostname = process.env.HOST ?? "0.0.0.0";

const pool = createPgPool(databaseUrl());
const handleRuntime = createRuntimeHandler({ pool });

const server = http.createServer((req, res) => {
  handleRuntime(req, res)
    .then((handled) => {
      if (!handled)
        sendJson(res, 404, {
          error: { code: "NOT_FOUND", message: "This server only serves the runtime API." },
        });
    })
    .catch((error: unknown) => {
      console.error("request failed:", error);
      if (!res.headersSent)
        sendJson(res, 500, { error: { code: "INTERNAL", message: "Something went wrong on our side." } });
      else res.end();
    });
});
server.keepAliveTimeout = 65_000;

server.listen(port, hostname, () => {
  console.log(
    `Warden runtime API (instance ${handleRuntime.runtime.instanceId}) is listening on http://localhost:${port}`,
  );
});

function shutdown() {
  server.close();
  void handleRuntime
    .close()
    .then(() => pool.end())
    .finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 3_000).unref();
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
