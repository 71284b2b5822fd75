// What the runtime API's handlers share: the 405 answer, reading a strict JSON body, and turning
// any failure into the uniform `{ error: { code, message } }` body (a store failure is a 503,
// never a half-done change: each handler writes in one statement or one transaction).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { AppError } from "../../domain/errors";
import { parseRuntimeBody } from "../../domain/runs/parse-runtime-body";
import { readBody, sendError, sendJson } from "../http-util";
import type { RuntimeRoute } from "./runtime-routes";

/** The limit for every runtime body, as for /api/decide. */
export const MAX_RUNTIME_BODY_BYTES = 64 * 1024;

export function sendMethodNotAllowed(res: ServerResponse, route: RuntimeRoute): void {
  const allow = route.method === "GET" ? "GET, HEAD" : route.method;
  sendJson(
    res,
    405,
    { error: { code: "INVALID_REQUEST", message: `Use ${route.method} for ${route.path}.` } },
    { allow },
  );
}

export function readRuntimeBody(req: IncomingMessage): Promise<Buffer> {
  return readBody(req, MAX_RUNTIME_BODY_BYTES);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Validate a body already read (after authentication, as in /api/decide) against a strict schema. */
export function parseBody<S extends z.ZodType>(req: IncomingMessage, raw: Buffer, schema: S): z.output<S> {
  const type = req.headers["content-type"];
  if (raw.length > 0 && type !== undefined && !/^application\/json\s*(;|$)/i.test(type)) {
    throw new AppError("INVALID_REQUEST", "Send the request as JSON (Content-Type: application/json).");
  }
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new AppError("INVALID_REQUEST", "The request body is not valid UTF-8.");
  }
  const result = parseRuntimeBody(text, schema);
  if (!result.ok) throw result.error;
  return result.value;
}

export const storeUnavailable = (cause: unknown) =>
  new AppError("STORE_UNAVAILABLE", "The runtime store could not be reached.", { cause });

/** Run a query; any database failure becomes STORE_UNAVAILABLE (503). */
export async function fromStore<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw storeUnavailable(error);
  }
}

/** The catch of every runtime handler: our errors as they are, anything else as a masked 500. */
export function sendFailure(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (error instanceof AppError) {
    sendError(res, error);
    return;
  }
  console.error("runtime API request failed:", error);
  sendError(res, new AppError("INTERNAL", "Unexpected error", { cause: error }));
}

/** `run_…`, `dec_…`, `apr_…`: ids are a prefix and letters or digits. */
export function isId(prefix: string, value: string | undefined): value is string {
  return value !== undefined && value.length <= 100 && new RegExp(`^${prefix}_[A-Za-z0-9]+$`).test(value);
}
