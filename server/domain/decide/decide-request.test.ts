import { describe, expect, it } from "vitest";
import { validateDecideRequest } from "./decide-request";
import { parseStrictJson } from "./parse-strict-json";

const valid = {
  runId: "run_abc123",
  tool: "github",
  operation: "pulls.merge",
  resource: "repo:acme/web",
  params: { number: 42, nested: { list: [1, "two", null, true] } },
  cost: { spendCents: 0, tokens: 1200 },
  onBehalfOf: "user:alice@acme.com",
  approvalId: null,
  idempotencyKey: "key-1",
};

const body = (patch: Record<string, unknown> = {}) => JSON.stringify({ ...valid, ...patch });

describe("parseStrictJson", () => {
  it("parses ordinary JSON", () => {
    expect(parseStrictJson('{"a":[1,{"b":"}"}],"c":"\\"x"}')).toEqual({
      ok: true,
      value: { a: [1, { b: "}" }], c: '"x' },
    });
  });
  it.each([
    ["a duplicate key", '{"a":1,"a":2}'],
    ["a duplicate key in a nested object", '{"p":{"x":1,"y":{"z":1},"x":2}}'],
    ["a duplicate key spelt with an escape", '{"amount":1,"\\u0061mount":2}'],
    ["a __proto__ key", '{"p":{"__proto__":{"admin":true}}}'],
    ["nesting deeper than 32", `${"[".repeat(40)}${"]".repeat(40)}`],
    ["invalid JSON", '{"a":'],
    ["an unterminated string", '{"a":"b'],
  ])("refuses %s", (_name, text) => {
    expect(parseStrictJson(text).ok).toBe(false);
  });
  it("allows the same key in sibling objects and strings that look like keys", () => {
    expect(parseStrictJson('{"a":{"k":1},"b":{"k":2},"c":["k","k"]}').ok).toBe(true);
  });
  it("allows nesting up to the limit", () => {
    expect(parseStrictJson(`${"[".repeat(32)}${"]".repeat(32)}`).ok).toBe(true);
  });
});

describe("validateDecideRequest", () => {
  it("accepts a complete request", () => {
    const result = validateDecideRequest(body());
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.request).toMatchObject({
        tool: "github",
        cost: { spendCents: 0, tokens: 1200 },
        environment: null,
      });
  });
  it("accepts a minimal request and fills the defaults", () => {
    const result = validateDecideRequest(
      JSON.stringify({ tool: "github", operation: "pulls.get", resource: "repo:acme/web" }),
    );
    expect(result.ok && result.request).toMatchObject({
      runId: null,
      params: {},
      cost: { spendCents: 0, tokens: 0 },
      approvalId: null,
    });
  });

  it.each([
    ["an unknown field", body({ approvalld: "apr_1" })],
    ["an agent id in the body", body({ agentId: "agt_other" })],
    ["an unknown cost field", body({ cost: { dollars: 5 } })],
    ["a duplicate key", body().replace('"tool":"github"', '"tool":"github","tool":"slack"')],
    ["a missing tool", JSON.stringify({ operation: "x", resource: "repo:a/b" })],
    ["a tool with a colon", body({ tool: "github:x" })],
    ["an operation with spaces", body({ operation: "pulls merge" })],
    ["params that are not an object", body({ params: [1, 2] })],
    ["a negative cost", body({ cost: { spendCents: -1 } })],
    ["a fractional cost", body({ cost: { tokens: 1.5 } })],
    ["a malformed run id", body({ runId: "../../etc" })],
    ["a malformed approval id", body({ approvalId: "grt_1" })],
    ["an idempotency key with spaces", body({ idempotencyKey: "a b" })],
    ["a NUL inside params", body({ params: { text: "a\u0000b" } })],
    ["a lone surrogate inside params", body().replace('"two"', '"\\ud800"')],
    ["an infinite number inside params", body().replace('"number":42', '"number":1e400')],
    ["a body that is not an object", "[1,2,3]"],
    ["a body that is not JSON", "tool=github"],
    [
      "deep nesting in params",
      body({ params: JSON.parse(`${'{"a":'.repeat(40)}1${"}".repeat(40)}`) as object }),
    ],
  ])("refuses %s with INVALID_REQUEST", (_name, text) => {
    const result = validateDecideRequest(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("INVALID_REQUEST");
      expect(result.error.status).toBe(400);
    }
  });

  it.each(["repo:acme/../x", "repo:acme%2Fweb", "repo:acme/web/", "repo:cafe\u0301"])(
    "refuses the non-canonical resource %s",
    (resource) => {
      const result = validateDecideRequest(body({ resource }));
      expect(!result.ok && result.error.code).toBe("NON_CANONICAL_RESOURCE");
    },
  );
});
