import { describe, expect, it } from "vitest";
import { weakensRedactionRule } from "./redaction-rule-strictness";

const rule = { part: "PARAMS" as const, mode: "REDACT" as const, paths: ["$.a", "$.b"] };

describe("weakensRedactionRule", () => {
  it.each([
    ["the same rule", rule, false],
    ["paths reordered", { ...rule, paths: ["$.b", "$.a"] }, false],
    ["a path added", { ...rule, paths: ["$.a", "$.b", "$.c"] }, false],
    ["a path removed", { ...rule, paths: ["$.a"] }, true],
    ["a path rewritten", { ...rule, paths: ["$.a", "$['b']"] }, true],
    ["redact → fingerprint", { ...rule, mode: "FINGERPRINT" as const }, true],
    ["parameters → results", { ...rule, part: "RESULT" as const }, true],
  ])("%s: %s", (_, after, expected) => {
    expect(weakensRedactionRule(rule, after)).toBe(expected);
  });

  it("fingerprint → redact is stricter", () => {
    expect(weakensRedactionRule({ ...rule, mode: "FINGERPRINT" }, rule)).toBe(false);
  });
});
