import { describe, expect, it } from "vitest";
import { errorAt, initialGrantState, localProblems, resourceLines, toGrantInput } from "./grant-form-state";
import { summarizeSchema } from "./summarize-schema";

describe("grant form state", () => {
  it("turns the form into the grants.create input", () => {
    const state = {
      ...initialGrantState(null),
      operationPattern: " github:pulls.* ",
      resourcesText: "repo:acme/web\n\n repo:acme/api ",
      paramsText: '{"type":"object"}',
      approvalMode: "when" as const,
      whenText: '{"properties":{"amount":{"exclusiveMinimum":10000}}}',
      approvers: 2,
    };
    expect(localProblems(state)).toEqual({});
    expect(toGrantInput(state)).toEqual({
      operationPattern: "github:pulls.*",
      resourcePatterns: ["repo:acme/web", "repo:acme/api"],
      paramsSchema: { type: "object" },
      approval: { when: { properties: { amount: { exclusiveMinimum: 10000 } } } },
      approvers: 2,
      approvalTtlSeconds: 600,
      expiresAt: null,
    });
  });

  it("keeps a grant's expiry unless it is changed, and computes just-in-time ones", () => {
    const keep = { ...initialGrantState(null), expiry: "keep" as const };
    expect("expiresAt" in toGrantInput(keep)).toBe(false);
    const before = Date.now();
    const jit = toGrantInput({ ...initialGrantState(null), expiry: "1h" });
    expect(jit.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
  });

  it("reports local problems before calling the server", () => {
    const problems = localProblems({
      ...initialGrantState(null),
      resourcesText: "",
      paramsText: "{ nope",
      approvalMode: "when",
      whenText: "",
    });
    expect(Object.keys(problems).sort()).toEqual(["approval", "paramsSchema", "resourcePatterns"]);
    expect(localProblems({ ...initialGrantState(null), resourcesText: "a b" }).resourcePatterns).toMatch(
      /spaces/,
    );
  });

  it("finds server problems by field prefix", () => {
    expect(errorAt({ "resourcePatterns.2": "bad" }, "resourcePatterns")).toBe("bad");
    expect(errorAt({ "approval.when": "no" }, "approval")).toBe("no");
    expect(errorAt({ approvers: "x" }, "approval")).toBeUndefined();
  });

  it("splits resources on lines and commas", () => {
    expect(resourceLines("a, b\nc")).toEqual(["a", "b", "c"]);
  });
});

describe("summarizeSchema", () => {
  it("reads simple constraints", () => {
    expect(summarizeSchema({ properties: { amount: { exclusiveMinimum: 10000 } } })).toBe("amount > 10000");
    expect(
      summarizeSchema({
        properties: { number: { maximum: 10000 }, base: { enum: ["main", "release"] } },
        required: ["number", "title"],
        additionalProperties: false,
      }),
    ).toBe("number ≤ 10000, base is one of main, release, requires title, no other parameters");
  });

  it("gives up on schemas it cannot read", () => {
    expect(summarizeSchema({ anyOf: [] })).toBeNull();
    expect(summarizeSchema(null)).toBeNull();
  });
});
