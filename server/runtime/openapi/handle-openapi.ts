import type { IncomingMessage, ServerResponse } from "node:http";
import { openApiJson } from "./openapi-document";

/** GET /api/openapi.json: public, like the JWKS; it describes the API and holds nothing secret. */
export function handleOpenApi(_req: IncomingMessage, res: ServerResponse): void {
  const payload = openApiJson();
  res.writeHead(200, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
    "cache-control": "public, max-age=300",
    "x-content-type-options": "nosniff",
  });
  res.end(payload);
}
