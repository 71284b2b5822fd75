import { describe, expect, it } from "vitest";
import { approvalRuleFromColumns, approvalRuleToColumns, type ApprovalRule } from "./approval-rule";

describe("approval rule ↔ columns", () => {
  it.each<ApprovalRule>(["never", "always", { when: { properties: { amount: { minimum: 100 } } } }])(
    "round-trips %j",
    (rule) => {
      expect(approvalRuleFromColumns(approvalRuleToColumns(rule))).toEqual(rule);
    },
  );

  it("stores the modes the schema knows", () => {
    expect(approvalRuleToColumns("never")).toEqual({ approvalMode: "NEVER", approvalWhen: null });
    expect(approvalRuleToColumns("always")).toEqual({ approvalMode: "ALWAYS", approvalWhen: null });
    expect(approvalRuleToColumns({ when: { type: "object" } })).toEqual({
      approvalMode: "WHEN",
      approvalWhen: { type: "object" },
    });
  });

  it("reads a WHEN row without a schema as always (fail closed)", () => {
    expect(approvalRuleFromColumns({ approvalMode: "WHEN", approvalWhen: null })).toBe("always");
    expect(approvalRuleFromColumns({ approvalMode: "WHEN", approvalWhen: [1] })).toBe("always");
  });
});
