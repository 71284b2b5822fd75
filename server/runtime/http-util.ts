import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "../domain/errors";

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...headers,
  });
  res.end(payload);
}

/** sendJson for a body that is already JSON text (a decision's canonical answer). */
export function sendJsonText(res: ServerResponse, status: number, payload: string): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(payload);
}

export function sendError(res: ServerResponse, error: AppError): void {
  // After an oversized body the connection still carries its unread rest: close it after answering.
  sendJson(
    res,
    error.status,
    error.toBody(),
    error.code === "PAYLOAD_TOO_LARGE" ? { connection: "close" } : {},
  );
}

/** Read a request body up to `limit` bytes; beyond it, PAYLOAD_TOO_LARGE without reading the rest. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${limit} bytes.`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${limit} bytes.`));
        // Discard the rest instead of destroying the socket, so that the 413 still reaches the caller.
        req.off("data", onData);
        chunks.length = 0;
        req.resume();
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
