// "A sub-agent may only hold a subset of its parent's grants." A child grant is accepted when one
// parent grant provably allows everything it allows: the operation and every resource pattern
// are covered, its parameters are at least as narrow, its approval rule at least as strict, and
// it expires no later. Anything we cannot prove counts as not covered.
import { canonicalJson } from "../canonical-json";
import type { ApprovalRule, JsonObject } from "./approval-rule";
import { operationPatternCovers, resourcePatternsCovered } from "./patterns";

export type CoverableGrant = {
  operationPattern: string;
  resourcePatterns: readonly string[];
  paramsSchema: JsonObject | null;
  approval: ApprovalRule;
  approvers: number;
  expiresAt: Date | null;
};

export type CoverageResult = { covered: true; parentIndex: number } | { covered: false; reason: string };

/** The child's parameters are at least as narrow: no parent schema, the same one, or allOf containing it. */
function paramsCovered(parent: JsonObject | null, child: JsonObject | null): boolean {
  if (parent === null) return true;
  if (child === null) return false;
  const parentJson = canonicalJson(parent);
  if (canonicalJson(child) === parentJson) return true;
  const allOf = child.allOf;
  return Array.isArray(allOf) && allOf.some((part) => canonicalJson(part) === parentJson);
}

/** The child's approval applies at least whenever the parent's does, with at least as many approvers. */
function approvalCovered(parent: CoverableGrant, child: CoverableGrant): boolean {
  if (parent.approval === "never") return true;
  if (child.approvers < parent.approvers) return false;
  if (child.approval === "always") return true;
  if (parent.approval === "always" || child.approval === "never") return false;
  return canonicalJson(parent.approval.when) === canonicalJson(child.approval.when);
}

function expiryCovered(parent: Date | null, child: Date | null): boolean {
  if (parent === null) return true;
  return child !== null && child.getTime() <= parent.getTime();
}

function isLive(grant: CoverableGrant, now: Date): boolean {
  return grant.expiresAt === null || grant.expiresAt.getTime() > now.getTime();
}

/**
 * Find the parent grant that covers `child`, or explain (for the person editing the grant) what
 * is missing, naming the nearest miss.
 */
export function findCoveringGrant(
  parentGrants: readonly CoverableGrant[],
  child: CoverableGrant,
  now: Date,
): CoverageResult {
  let nearMiss: string | null = null;
  for (const [index, parent] of parentGrants.entries()) {
    if (!isLive(parent, now)) continue;
    if (!operationPatternCovers(parent.operationPattern, child.operationPattern)) continue;
    if (!resourcePatternsCovered(parent.resourcePatterns, child.resourcePatterns)) continue;
    if (!paramsCovered(parent.paramsSchema, child.paramsSchema)) {
      nearMiss ??= `the parent's grant for ${parent.operationPattern} limits parameters with a JSON Schema, so this grant must use the same schema (or an allOf that includes it)`;
      continue;
    }
    if (!approvalCovered(parent, child)) {
      nearMiss ??= `the parent's grant for ${parent.operationPattern} requires approval (${describeApproval(parent)}), so this grant must require at least the same`;
      continue;
    }
    if (!expiryCovered(parent.expiresAt, child.expiresAt)) {
      nearMiss ??= `the parent's grant for ${parent.operationPattern} expires at ${parent.expiresAt?.toISOString()}, so this grant must expire no later`;
      continue;
    }
    return { covered: true, parentIndex: index };
  }
  return {
    covered: false,
    reason:
      nearMiss ??
      `no current grant of the parent agent allows ${child.operationPattern} on ${child.resourcePatterns.join(", ")}`,
  };
}

function describeApproval(grant: CoverableGrant): string {
  const who = `${grant.approvers} approver${grant.approvers === 1 ? "" : "s"}`;
  return grant.approval === "always" ? `always, ${who}` : `when its schema matches, ${who}`;
}
