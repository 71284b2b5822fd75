// A grant's approval rule as the contract and the fleet file write it
// (`"never" | "always" | { when: <JSON Schema on params> }`) and as the grants table stores it
// (approvalMode + approvalWhen).
import type { JsonValue } from "../canonical-json";

export type JsonObject = { [key: string]: JsonValue };

export type ApprovalRule = "never" | "always" | { when: JsonObject };

export type ApprovalMode = "NEVER" | "ALWAYS" | "WHEN";

export type ApprovalColumns = { approvalMode: ApprovalMode; approvalWhen: JsonObject | null };

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function approvalRuleToColumns(rule: ApprovalRule): ApprovalColumns {
  if (rule === "never") return { approvalMode: "NEVER", approvalWhen: null };
  if (rule === "always") return { approvalMode: "ALWAYS", approvalWhen: null };
  return { approvalMode: "WHEN", approvalWhen: rule.when };
}

/**
 * Read the stored columns back. A WHEN row without a usable schema cannot say when approval is
 * needed, so it reads as "always" (fail closed) rather than "never".
 */
export function approvalRuleFromColumns(columns: {
  approvalMode: ApprovalMode;
  approvalWhen: unknown;
}): ApprovalRule {
  switch (columns.approvalMode) {
    case "NEVER":
      return "never";
    case "WHEN":
      return isJsonObject(columns.approvalWhen) ? { when: columns.approvalWhen } : "always";
    default:
      return "always";
  }
}
