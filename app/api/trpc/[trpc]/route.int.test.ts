// The console's tRPC endpoint refuses what it should before any procedure runs: other origins,
// batches over MAX_BATCH_SIZE calls and bodies over MAX_BODY_BYTES. None of these refusals
// needs a session, so the handlers are called as Next.js would call them, with a plain Request.
import { describe, expect, it, vi } from "vitest";
import { MAX_BATCH_SIZE, MAX_BODY_BYTES, readLimitedBody } from "./request-limits";
import { GET, POST } from "./route";

const ORIGIN = "http://localhost:3000";

function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  return POST(
    new Request(`${ORIGIN}/api/trpc/${path}?batch=1`, {
      method: "POST",
      headers: { host: "localhost:3000", origin: ORIGIN, "content-type": "application/json", ...headers },
      body,
      // A stream body needs it (Node's fetch); harmless for the others.
      duplex: "half",
    } as RequestInit),
  );
}

const paths = (n: number, path: string) => Array.from({ length: n }, () => path).join(",");

/** A GET batch of `n` queries, as the console's httpBatchLink sends them. */
function getBatch(n: number) {
  const input = JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: null }])));
  return GET(
    new Request(`${ORIGIN}/api/trpc/${paths(n, "me.get")}?batch=1&input=${encodeURIComponent(input)}`, {
      headers: { host: "localhost:3000" },
    }),
  );
}

describe("the tRPC endpoint", () => {
  it(`refuses a batch of more than ${MAX_BATCH_SIZE} calls with 400, running none of them`, async () => {
    const response = await getBatch(MAX_BATCH_SIZE + 1);
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("Batch call exceeds maximum size");

    const body = JSON.stringify(
      Object.fromEntries(Array.from({ length: MAX_BATCH_SIZE + 1 }, (_, i) => [i, { json: { name: "x" } }])),
    );
    const mutations = await post(paths(MAX_BATCH_SIZE + 1, "tools.create"), body);
    expect(mutations.status).toBe(400);
  });

  it(`takes a batch of ${MAX_BATCH_SIZE} calls and answers each`, async () => {
    // Outside Next.js there is no session to read: each call fails on the context (logged).
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = await getBatch(MAX_BATCH_SIZE);
    logged.mockRestore();
    const answers = (await response.json()) as unknown[];
    expect(answers).toHaveLength(MAX_BATCH_SIZE);
    expect(JSON.stringify(answers)).not.toContain("Batch call exceeds maximum size");
  });

  it("refuses a body over the limit with 413 in the error shape of every endpoint", async () => {
    const big = JSON.stringify({ 0: { json: { toolName: "x", json: "a".repeat(MAX_BODY_BYTES) } } });
    const response = await post("tools.importMcp", big);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: "PAYLOAD_TOO_LARGE", message: "This request is larger than 4 MB; nothing was changed." },
    });
  });

  it("counts what is sent, not only what is declared", async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 10) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await post("tools.importMcp", stream);
    expect(response.status).toBe(413);
    // Reading stopped just past the limit rather than at the end of the stream.
    expect(sent).toBeLessThanOrEqual(MAX_BODY_BYTES / chunk.length + 2);
  });

  it("refuses another origin before reading anything", async () => {
    const response = await post("agents.create", "{}", { origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: "FORBIDDEN", message: "This request did not come from Warden's own pages." },
    });
  });
});

describe("readLimitedBody", () => {
  it("returns the body whole up to the limit, null beyond it", async () => {
    const request = (body: string) => new Request(ORIGIN, { method: "POST", body });
    expect(new TextDecoder().decode((await readLimitedBody(request("hello"), 5))!)).toBe("hello");
    expect(await readLimitedBody(request("hello!"), 5)).toBeNull();
    expect(
      await readLimitedBody(
        new Request(ORIGIN, { method: "POST", body: "hi", headers: { "content-length": "99" } }),
        5,
      ),
    ).toBeNull();
  });
});
