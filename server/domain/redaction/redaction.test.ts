import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, type JsonValue } from "../canonical-json";
import { applyRedaction, REDACTED } from "./apply-redaction";
import { parseJsonPath } from "./json-path";
import { buildPayloadRedaction, redactPayload } from "./payload-redaction";

const key = Buffer.alloc(32, 7);
const rule = (path: string, mode: "REDACT" | "FINGERPRINT" = "REDACT") => {
  const parsed = parseJsonPath(path);
  if (!parsed.ok) throw new Error(parsed.message);
  return { segments: parsed.segments, mode };
};
const fingerprint = (value: unknown) =>
  `hmac-sha256:${createHmac("sha256", key).update(canonicalJson(value)).digest("hex")}`;

describe("parseJsonPath", () => {
  it.each([
    [
      "$.card.number",
      [
        { kind: "key", name: "card" },
        { kind: "key", name: "number" },
      ],
    ],
    ["$.headers.*", [{ kind: "key", name: "headers" }, { kind: "any" }]],
    ["$.items[*].token", [{ kind: "key", name: "items" }, { kind: "any" }, { kind: "key", name: "token" }]],
    [
      "$.rows[2]",
      [
        { kind: "key", name: "rows" },
        { kind: "index", index: 2 },
      ],
    ],
    ["$['api key']", [{ kind: "key", name: "api key" }]],
    ["$..password", [{ kind: "descend", name: "password" }]],
  ])("reads %s", (path, segments) => {
    expect(parseJsonPath(path)).toEqual({ ok: true, segments });
  });

  it.each(["card.number", "$", "$.", "$.card..", "$[x]", "$.a b", `$.${"a".repeat(300)}`])(
    "refuses %s with a reason",
    (path) => {
      const parsed = parseJsonPath(path);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(5);
    },
  );
});

describe("applyRedaction", () => {
  const payload = {
    card: { number: "4242424242424242", exp: "12/30" },
    headers: { authorization: "Bearer s3cret", accept: "json" },
    items: [{ token: "t1", n: 1 }, { token: "t2" }] as JsonValue[],
    nested: { deep: { password: "pw", list: [{ password: "pw2" }] } },
    amount: 12,
  };

  it("redacts a key, every child, array elements and descendants", () => {
    const out = applyRedaction(
      payload,
      [rule("$.card.number"), rule("$.headers.*"), rule("$.items[*].token"), rule("$..password")],
      key,
    );
    expect(out).toEqual({
      card: { number: REDACTED, exp: "12/30" },
      headers: { authorization: REDACTED, accept: REDACTED },
      items: [{ token: REDACTED, n: 1 }, { token: REDACTED }],
      nested: { deep: { password: REDACTED, list: [{ password: REDACTED }] } },
      amount: 12,
    });
    // The input is never modified.
    expect(payload.card.number).toBe("4242424242424242");
  });

  it("fingerprints with the org's HMAC key, equal secrets alike", () => {
    const out = applyRedaction(
      { a: "x", b: "x", c: { k: 1 } },
      [rule("$.a", "FINGERPRINT"), rule("$.b", "FINGERPRINT"), rule("$.c", "FINGERPRINT")],
      key,
    ) as Record<string, string>;
    expect(out.a).toBe(fingerprint("x"));
    expect(out.b).toBe(out.a);
    expect(out.c).toBe(fingerprint({ k: 1 }));
    expect(out.a).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
  });

  it("redacts instead of fingerprinting without a key, and redaction wins over a fingerprint", () => {
    expect(applyRedaction({ a: "x" }, [rule("$.a", "FINGERPRINT")], null)).toEqual({ a: REDACTED });
    expect(applyRedaction({ a: "x" }, [rule("$.a"), rule("$.a", "FINGERPRINT")], key)).toEqual({
      a: REDACTED,
    });
  });

  it("returns the same object when nothing matches (no copy)", () => {
    const input = { a: 1, b: [1, 2] };
    expect(applyRedaction(input, [rule("$.missing"), rule("$.b[5]"), rule("$.a.x")], key)).toBe(input);
    expect(applyRedaction(input, [], key)).toBe(input);
  });
});

describe("redactPayload", () => {
  it("applies a tool's rules to the right part only, and leaves other tools alone", () => {
    const redaction = buildPayloadRedaction(
      [
        { tool: "stripe", part: "PARAMS", paths: ["$.card.number"], mode: "REDACT" },
        { tool: "stripe", part: "RESULT", paths: ["$.secret"], mode: "FINGERPRINT" },
      ],
      key.toString("hex"),
    );
    const params = { card: { number: "4242" }, secret: "s" };
    expect(redactPayload(redaction, "stripe", "PARAMS", params)).toEqual({
      card: { number: REDACTED },
      secret: "s",
    });
    expect(redactPayload(redaction, "stripe", "RESULT", params)).toEqual({
      card: { number: "4242" },
      secret: fingerprint("s"),
    });
    expect(redactPayload(redaction, "github", "PARAMS", params)).toBe(params);
    expect(redactPayload(undefined, "stripe", "PARAMS", params)).toBe(params);
  });

  it("fails closed on a stored path that does not parse", () => {
    const redaction = buildPayloadRedaction(
      [{ tool: "t", part: "PARAMS", paths: ["broken"], mode: "FINGERPRINT" }],
      null,
    );
    expect(redactPayload(redaction, "t", "PARAMS", { a: "secret", b: { c: 1 } })).toEqual({
      a: REDACTED,
      b: REDACTED,
    });
  });
});
