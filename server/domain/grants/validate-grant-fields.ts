// Every rule a grant must satisfy on its own (before sub-agent coverage), checked in the domain so
// that every entry point (console, fleet file) gets the same answer. All problems are reported at
// once, each at its field path, so a form can show them beside the fields.
import { AppError, type FieldIssue } from "../errors";
import { tryCompileJsonSchema } from "../json-schema/compile-json-schema";
import type { ApprovalRule, JsonObject } from "./approval-rule";
import { MAX_RESOURCE_PATTERNS, operationPatternProblem, resourcePatternProblem } from "./patterns";

export type GrantFields = {
  operationPattern: string;
  resourcePatterns: string[];
  paramsSchema: JsonObject | null;
  approval: ApprovalRule;
  approvers: number;
  approvalTtlSeconds: number;
  expiresAt: Date | null;
};

export const MAX_APPROVERS = 5;
export const MIN_APPROVAL_TTL_SECONDS = 60;
export const MAX_APPROVAL_TTL_SECONDS = 86_400;
export const DEFAULT_APPROVAL_TTL_SECONDS = 600;

/**
 * Validate a grant and return it normalised (resource patterns trimmed of duplicates).
 * `checkExpiryInFuture`: a new or re-dated grant must not be born expired.
 */
export function validateGrantFields(
  fields: GrantFields,
  options: { now: Date; checkExpiryInFuture: boolean },
): GrantFields {
  const issues: FieldIssue[] = [];

  const operationProblem = operationPatternProblem(fields.operationPattern);
  if (operationProblem) issues.push({ path: "operationPattern", message: operationProblem });

  const resourcePatterns = [...new Set(fields.resourcePatterns)];
  if (resourcePatterns.length === 0) {
    issues.push({
      path: "resourcePatterns",
      message: "Add at least one resource pattern (use ** for any resource).",
    });
  } else if (resourcePatterns.length > MAX_RESOURCE_PATTERNS) {
    issues.push({
      path: "resourcePatterns",
      message: `A grant can list at most ${MAX_RESOURCE_PATTERNS} resource patterns.`,
    });
  }
  fields.resourcePatterns.forEach((pattern, index) => {
    const problem = resourcePatternProblem(pattern);
    if (problem) issues.push({ path: `resourcePatterns.${index}`, message: problem });
  });

  if (fields.paramsSchema !== null) {
    const compiled = tryCompileJsonSchema(fields.paramsSchema);
    if (!compiled.ok) issues.push({ path: "paramsSchema", message: compiled.message });
  }
  if (typeof fields.approval === "object") {
    const compiled = tryCompileJsonSchema(fields.approval.when);
    if (!compiled.ok) issues.push({ path: "approval.when", message: compiled.message });
  }

  if (!Number.isInteger(fields.approvers) || fields.approvers < 1 || fields.approvers > MAX_APPROVERS) {
    issues.push({
      path: "approvers",
      message: `Approvers must be a whole number from 1 to ${MAX_APPROVERS}.`,
    });
  }
  if (
    !Number.isInteger(fields.approvalTtlSeconds) ||
    fields.approvalTtlSeconds < MIN_APPROVAL_TTL_SECONDS ||
    fields.approvalTtlSeconds > MAX_APPROVAL_TTL_SECONDS
  ) {
    issues.push({
      path: "approvalTtlSeconds",
      message: "An approval can stay open from 1 minute to 24 hours (60 to 86400 seconds).",
    });
  }
  if (
    options.checkExpiryInFuture &&
    fields.expiresAt &&
    fields.expiresAt.getTime() <= options.now.getTime()
  ) {
    issues.push({ path: "expiresAt", message: "The expiry must be in the future." });
  }

  if (issues.length) {
    const message = issues.length === 1 ? issues[0]!.message : "Some fields of this grant need attention.";
    throw new AppError("INVALID_REQUEST", message, { issues });
  }
  return { ...fields, resourcePatterns };
}
