import { operationMatches, resourceMatches } from "../grants/patterns";
import type { CompiledSchema, GrantPolicy } from "../policy/policy-snapshot";

export type GrantMatch =
  | { kind: "none" }
  /** Grants covered the operation and resource, but every one of them has expired. */
  | { kind: "expired" }
  /** Live grants covered the operation and resource, but none allows these parameters. */
  | { kind: "params" }
  | { kind: "match"; grant: GrantPolicy; approval: ApprovalRuleHit | null };

/** Why a grant's own approval rule applies to this request. */
export type ApprovalRuleHit = { grant: GrantPolicy; why: "always" | "when" };

function schemaAccepts(schema: CompiledSchema, value: unknown): boolean {
  // A stored schema that does not compile allows nothing (and, as an approval rule, always asks).
  return "validate" in schema ? schema.validate(value) === true : false;
}

function approvalRuleHit(grant: GrantPolicy, params: Record<string, unknown>): ApprovalRuleHit | null {
  if (grant.approvalMode === "ALWAYS") return { grant, why: "always" };
  if (grant.approvalMode === "WHEN") {
    const when = grant.approvalWhen;
    if (!when || !("validate" in when)) return { grant, why: "always" };
    return when.validate(params) === true ? { grant, why: "when" } : null;
  }
  return null;
}

/**
 * Match one agent's grants against an action. When several grants allow it, the one that asks
 * for no approval wins, then the one needing the fewest approvers: grants add up to an
 * allowlist, and the most permissive applicable entry is the one that speaks.
 */
export function matchGrants(
  grants: readonly GrantPolicy[],
  action: { tool: string; operation: string; resource: string; params: Record<string, unknown> },
  now: Date,
): GrantMatch {
  let covered = false;
  let live = false;
  let best: { grant: GrantPolicy; approval: ApprovalRuleHit | null } | null = null;
  for (const grant of grants) {
    if (!operationMatches(grant.operationPattern, action.tool, action.operation)) continue;
    if (!resourceMatches(grant.resourcePatterns, action.resource)) continue;
    covered = true;
    if (grant.expiresAt && grant.expiresAt.getTime() <= now.getTime()) continue;
    live = true;
    if (grant.params && !schemaAccepts(grant.params, action.params)) continue;
    const approval = approvalRuleHit(grant, action.params);
    if (!best || isMorePermissive({ grant, approval }, best)) best = { grant, approval };
  }
  if (best) return { kind: "match", ...best };
  if (live) return { kind: "params" };
  if (covered) return { kind: "expired" };
  return { kind: "none" };
}

function isMorePermissive(
  a: { grant: GrantPolicy; approval: ApprovalRuleHit | null },
  b: { grant: GrantPolicy; approval: ApprovalRuleHit | null },
): boolean {
  if (!a.approval !== !b.approval) return !a.approval;
  if (a.grant.approvers !== b.grant.approvers) return a.grant.approvers < b.grant.approvers;
  return a.grant.id < b.grant.id;
}
