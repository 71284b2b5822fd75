import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import { checkHealth } from "./health";
import { sendJson } from "./http-util";

export type RuntimeDeps = { pool: pg.Pool };

/**
 * The runtime API: a plain Node HTTP handler that sits in front of Next.js (or runs alone).
 * Returns false for paths it does not own, so the caller can hand them to Next.
 */
export function createRuntimeHandler(deps: RuntimeDeps) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = req.url ?? "/";
    const path = url.split("?", 1)[0];
    if (path === "/api/health" && (req.method === "GET" || req.method === "HEAD")) {
      const health = await checkHealth(deps.pool);
      sendJson(res, health.database.status === "up" ? 200 : 503, health);
      return true;
    }
    return false;
  };
}
