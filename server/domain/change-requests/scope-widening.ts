// What counts as WIDENING an agent's scope: a change after which the agent may do something it
// could not do before, or may do it with less human oversight. Widening a production agent waits
// for security's sign-off; narrowing applies at once. Deciding "is B within A" is undecidable in
// general (globs, JSON Schemas), so only provable narrowing counts as narrowing; anything we
// cannot prove is treated as widening (fail closed: a human looks at it).
import { canonicalJson } from "../canonical-json";
import type { ApprovalRule } from "../grants/approval-rule";
import { operationPatternCovers, resourcePatternsCovered } from "../grants/patterns";
import type { GrantFields } from "../grants/validate-grant-fields";

/** Why a change widens scope, in words (empty: it does not). */
export type WideningReasons = string[];

const sameJson = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** How strict an approval rule is: never < when < always. */
function approvalStrictness(rule: ApprovalRule): number {
  if (rule === "never") return 0;
  if (rule === "always") return 2;
  return 1;
}

/** Reasons an approval rule change loosens oversight. */
function approvalRuleWidening(before: ApprovalRule, after: ApprovalRule): WideningReasons {
  const from = approvalStrictness(before);
  const to = approvalStrictness(after);
  if (to < from) return ["asks for approval less often"];
  // Two different `when` schemas: we cannot prove the new one matches at least as often.
  if (from === 1 && to === 1 && !sameJson(before, after)) return ["changes when approval is needed"];
  return [];
}

/**
 * Does changing a grant from `before` (null: the grant is new) to `after` widen the agent's scope?
 * Returns the reasons; an empty list means the change only narrows or keeps scope.
 */
export function grantWidening(before: GrantFields | null, after: GrantFields): WideningReasons {
  if (!before) return ["adds a new grant"];
  const reasons: WideningReasons = [];
  if (!operationPatternCovers(before.operationPattern, after.operationPattern)) {
    reasons.push("allows more operations");
  }
  if (!resourcePatternsCovered(before.resourcePatterns, after.resourcePatterns)) {
    reasons.push("allows more resources");
  }
  // No params schema means any parameters; adding one narrows. Any other change we cannot prove
  // narrower, so it counts as widening.
  if (before.paramsSchema !== null && !sameJson(before.paramsSchema, after.paramsSchema)) {
    reasons.push(
      after.paramsSchema === null ? "removes the parameter limits" : "changes the parameter limits",
    );
  }
  reasons.push(...approvalRuleWidening(before.approval, after.approval));
  if (after.approvers < before.approvers) reasons.push("needs fewer approvers");
  if (after.approvalTtlSeconds > before.approvalTtlSeconds) reasons.push("keeps approvals open longer");
  if (before.expiresAt !== null) {
    if (after.expiresAt === null) reasons.push("no longer expires");
    else if (after.expiresAt.getTime() > before.expiresAt.getTime()) reasons.push("expires later");
  }
  return reasons;
}

/**
 * Does changing a quota's limit widen scope? `null` means no cap: removing a cap widens, adding
 * one narrows.
 */
export function quotaWidening(before: number | null, after: number | null): WideningReasons {
  if (after === null) return before === null ? [] : ["removes a cap"];
  if (before === null) return [];
  return after > before ? ["raises a cap"] : [];
}

/** A higher autonomy level lets the agent act with fewer approvals. */
export function autonomyWidening(before: number, after: number): WideningReasons {
  return after > before ? ["raises the autonomy level"] : [];
}
