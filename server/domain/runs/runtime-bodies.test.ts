import { describe, expect, it } from "vitest";
import { endRunRequestSchema } from "./end-run-request";
import { outcomeEvents } from "./outcome-events";
import { outcomeReportSchema } from "./outcome-report";
import { parseRuntimeBody } from "./parse-runtime-body";
import { newRun, startRunRequestSchema } from "./start-run-request";

describe("parseRuntimeBody", () => {
  it("reads an empty body as {} and settles optional fields", () => {
    const parsed = parseRuntimeBody("  ", startRunRequestSchema);
    expect(parsed).toEqual({ ok: true, value: {} });
    if (parsed.ok) {
      expect(newRun(parsed.value)).toEqual({
        trigger: null,
        onBehalfOf: null,
        modelProvider: null,
        modelName: null,
        systemPromptHash: null,
        toolSchemaVersion: null,
      });
    }
  });

  it.each([
    ["a duplicate key", '{"status":"failed","status":"succeeded"}', /twice/],
    ["__proto__", '{"status":"failed","__proto__":{}}', /__proto__/],
    ["deep nesting", `{"summary":${"[".repeat(20)}${"]".repeat(20)}}`, /nested/],
    ["an unknown field", '{"status":"failed","reason":"x"}', /reason|Unrecognized/i],
    ["a NUL", '{"status":"failed","summary":"a\\u0000b"}', /NUL/],
    ["a lone surrogate", '{"status":"failed","summary":"\\udc00"}', /surrogate/],
    ["a wrong status", '{"status":"done"}', /status/],
    ["not JSON", "{", /JSON/],
  ])("refuses %s with INVALID_REQUEST", (_label, text, message) => {
    const parsed = parseRuntimeBody(text, endRunRequestSchema);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe("INVALID_REQUEST");
      expect(parsed.error.message).toMatch(message);
    }
  });
});

describe("outcomeEvents", () => {
  it("makes one OUTCOME, one SIDE_EFFECT per side effect, lower-case digests", () => {
    const report = outcomeReportSchema.parse({
      status: "success",
      resultDigest: "AB".repeat(32),
      sideEffects: [
        { kind: "github.pull_request", url: "https://github.com/acme/web/pull/1", externalId: "1" },
        { kind: "slack.message", description: "Announced" },
      ],
    });
    expect(outcomeEvents(report)).toEqual([
      {
        kind: "OUTCOME",
        status: "success",
        summary: "Succeeded with 2 side effects.",
        resultDigest: "ab".repeat(32),
        externalUrl: null,
        data: { sideEffects: 2 },
      },
      {
        kind: "SIDE_EFFECT",
        status: null,
        summary: "",
        resultDigest: null,
        externalUrl: "https://github.com/acme/web/pull/1",
        data: { kind: "github.pull_request", externalId: "1" },
      },
      {
        kind: "SIDE_EFFECT",
        status: null,
        summary: "Announced",
        resultDigest: null,
        externalUrl: null,
        data: { kind: "slack.message" },
      },
    ]);
  });

  it("adds an ERROR event for an error outcome", () => {
    const report = outcomeReportSchema.parse({
      status: "error",
      error: { message: "Timed out", code: "ETIMEDOUT" },
    });
    expect(outcomeEvents(report).map((e) => [e.kind, e.status, e.summary, e.data])).toEqual([
      ["OUTCOME", "error", "Failed.", { sideEffects: 0 }],
      ["ERROR", "error", "Timed out", { code: "ETIMEDOUT" }],
    ]);
  });

  it("accepts only http(s) links and refuses an error with a success", () => {
    for (const url of ["javascript:alert(1)", "ftp://x.test/a", "data:text/html,hi", "https//x"]) {
      expect(
        outcomeReportSchema.safeParse({ status: "success", sideEffects: [{ kind: "x", url }] }).success,
        url,
      ).toBe(false);
    }
    expect(outcomeReportSchema.safeParse({ status: "success", error: { message: "x" } }).success).toBe(false);
  });
});
