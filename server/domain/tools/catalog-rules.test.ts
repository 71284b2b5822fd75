import { describe, expect, it } from "vitest";
import { EFFECT_CLASSES, loosensEffect } from "./catalog-rules";

describe("loosensEffect", () => {
  it.each([
    ["READ", "WRITE", false],
    ["WRITE", "DELETE", false],
    ["WRITE", "SPEND", false],
    ["SPEND", "DELETE", false],
    ["DELETE", "ADMIN", false],
    ["ADMIN", "DELETE", true],
    ["DELETE", "WRITE", true],
    ["SPEND", "WRITE", true],
    ["WRITE", "READ", true],
    // Same rank for the MCP import, but guarded agents need approval for DELETE only.
    ["DELETE", "SPEND", true],
  ] as const)("%s → %s: %s", (from, to, expected) => {
    expect(loosensEffect(from, to)).toBe(expected);
  });

  it("never counts keeping the same class", () => {
    for (const effect of EFFECT_CLASSES) expect(loosensEffect(effect, effect)).toBe(false);
  });
});
