// Limits of one request to the console's tRPC endpoint. Plain constants and a body reader: the
// console's batch link reads MAX_BATCH_SIZE too, so its batches always fit.

/** Calls one request may batch; the console's httpBatchLink splits larger batches (maxItems). */
export const MAX_BATCH_SIZE = 20;

/**
 * Bytes of one request body. The largest input is an MCP tools/list (up to 1 MB, refused above
 * by importMcpTools with an explanation) sent as a JSON string, whose escaping can double it;
 * 4 MB leaves room for that. The fleet file is applied by the command line, not through tRPC.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * The whole body, or null as soon as it is larger than `limit` bytes (declared or actually sent):
 * the rest is not read.
 */
export async function readLimitedBody(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > limit) return null;
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
