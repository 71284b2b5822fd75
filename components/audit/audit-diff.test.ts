import { describe, expect, it } from "vitest";
import { diffRows } from "./audit-diff";
import { humanAction } from "./human-action";

describe("diffRows", () => {
  it("lists only the fields that changed", () => {
    expect(diffRows({ status: "ACTIVE", name: "a" }, { status: "PAUSED", name: "a" })).toEqual([
      { key: "status", before: "ACTIVE", after: "PAUSED" },
    ]);
  });

  it("compares nested values structurally", () => {
    expect(diffRows({ approval: { when: { a: 1 } } }, { approval: { when: { a: 1 } } })).toEqual([]);
  });

  it("shows every field of a created or deleted record", () => {
    expect(diffRows(null, { a: 1, b: null })).toEqual([
      { key: "a", before: undefined, after: 1 },
      { key: "b", before: undefined, after: null },
    ]);
    expect(diffRows({ a: 1 }, null)).toEqual([{ key: "a", before: 1, after: undefined }]);
  });
});

describe("humanAction", () => {
  it("reads an action code as words", () => {
    expect(humanAction("agent.decommissioned")).toBe("Agent decommissioned");
    expect(humanAction("tool.imported")).toBe("Tool imported");
  });
});
