import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { REASON_CODES as SERVER_REASON_CODES } from "@/server/domain/decide/reason-codes";
import { REASON_CODES, resultDigest, stableJson, WardenApiError, WardenClient } from "./index";

describe("the SDK's contract", () => {
  it("knows exactly the server's reason codes", () => {
    expect([...REASON_CODES].sort()).toEqual(Object.keys(SERVER_REASON_CODES).sort());
  });
});

describe("result digests", () => {
  it("are SHA-256 of JSON with sorted keys, the same for equal results", async () => {
    expect(stableJson({ b: 1, a: [{ d: 2, c: undefined }], e: new Date(0) })).toBe(
      '{"a":[{"d":2}],"b":1,"e":"1970-01-01T00:00:00.000Z"}',
    );
    expect(stableJson(undefined)).toBe("null");
    const expected = createHash("sha256").update('{"merged":true,"number":42}').digest("hex");
    expect(await resultDigest({ number: 42, merged: true })).toBe(expected);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await resultDigest(cyclic)).toBeUndefined();
  });
});

describe("WardenClient without a server", () => {
  type Seen = { url: string; authorization: string | null };

  function fakeFetch(answers: (seen: Seen) => Response) {
    const seen: Seen[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : input.toString();
      const entry = { url, authorization: new Headers(init?.headers).get("authorization") };
      seen.push(entry);
      return Promise.resolve(answers(entry));
    };
    return { fetch, seen };
  }

  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

  it("turns error bodies and non-JSON answers into WardenApiError", async () => {
    const { fetch } = fakeFetch((s) =>
      s.url.endsWith("/api/runs")
        ? json({ error: { code: "AGENT_PAUSED", message: "paused" } }, 403)
        : new Response("<html>bad gateway</html>", { status: 502 }),
    );
    const client = new WardenClient({ baseUrl: "http://warden.test/", credential: "wdn_a_b", fetch });
    await expect(client.startRun()).rejects.toMatchObject({
      status: 403,
      code: "AGENT_PAUSED",
      message: "paused",
    });
    const error = (await client
      .endRun("run_1", { status: "failed" })
      .catch((e: unknown) => e)) as WardenApiError;
    expect(error).toBeInstanceOf(WardenApiError);
    expect(error).toMatchObject({ status: 502, code: "INTERNAL", retryable: false });
  });

  it("in token mode, sends tokens and renews them before they expire", async () => {
    let issued = 0;
    const { fetch, seen } = fakeFetch((s) => {
      if (s.url.endsWith("/api/token")) {
        issued++;
        // The first token is about to expire (inside the refresh margin), the second is fresh.
        const ttl = issued === 1 ? 30 : 900;
        return json({
          token: `jwt-${issued}`,
          tokenType: "Bearer",
          audience: "warden:decide",
          expiresIn: ttl,
          expiresAt: new Date(Date.now() + ttl * 1000).toISOString(),
        });
      }
      return json({ runId: "run_1", status: "running", startedAt: new Date().toISOString() });
    });
    const client = new WardenClient({
      baseUrl: "http://warden.test",
      credential: "wdn_a_b",
      fetch,
      useToken: true,
    });
    await client.startRun();
    await client.startRun();
    await client.startRun();
    expect(seen.map((s) => `${s.url.replace("http://warden.test", "")} ${s.authorization}`)).toEqual([
      "/api/token Bearer wdn_a_b",
      "/api/runs Bearer jwt-1",
      "/api/token Bearer wdn_a_b",
      "/api/runs Bearer jwt-2",
      "/api/runs Bearer jwt-2",
    ]);
  });
});
