// A plan never widens what the agent may do: at submission every step must be within the grants
// of the agent and of every parent (as /api/decide matches them), or the plan is refused with
// one sentence per step that is not. At decision time the grants are evaluated again anyway; the
// plan only stands in for the approvals.
import { agentLineage, effectiveAutonomy, observeOnlySentence } from "../decide/agent-lineage";
import type { FieldIssue } from "../errors";
import { operationMatches, patternCovers } from "../grants/patterns";
import {
  operationKey,
  type AgentPolicy,
  type EffectClass,
  type GrantPolicy,
  type PolicySnapshot,
} from "../policy/policy-snapshot";
import type { PlanStep } from "./plan-request";

/** What one covered step asks of its approval. */
export type StepCoverage = { effect: EffectClass; approvers: number; ttlSeconds: number };

export type PlanCoverage = { ok: true; steps: StepCoverage[] } | { ok: false; issues: FieldIssue[] };

/** Effect classes from least to most harmful (the plan's effect is its steps' worst). */
export const EFFECT_RANK: readonly EffectClass[] = ["READ", "WRITE", "SPEND", "DELETE", "ADMIN"];

export function highestEffect(effects: readonly EffectClass[]): EffectClass {
  return effects.reduce<EffectClass>(
    (worst, e) => (EFFECT_RANK.indexOf(e) > EFFECT_RANK.indexOf(worst) ? e : worst),
    "READ",
  );
}

/**
 * The AUTONOMY_OBSERVE_ONLY sentence when the agent, or any parent, only observes (level 0): every
 * action it took would be refused, so no plan could ever be used. Null when it may plan. The same
 * effective level as /api/decide: the lowest of the agent's and its parents'.
 */
export function observeOnlyRefusal(snapshot: PolicySnapshot, agentId: string): string | null {
  const agent = snapshot.agents.get(agentId);
  if (!agent) return null;
  const autonomy = effectiveAutonomy(agentLineage(snapshot, agent));
  return autonomy.level === 0 ? observeOnlySentence(autonomy) : null;
}

function acceptsParams(grant: GrantPolicy, params: unknown): boolean {
  if (!grant.params) return true;
  // A stored schema that does not compile allows nothing.
  return "validate" in grant.params ? grant.params.validate(params) === true : false;
}

type HolderResult = { kind: "covered"; grants: GrantPolicy[] } | { kind: "none" | "expired" | "params" };

/** The live grants of one agent that cover the whole step (every resource a glob step names). */
function coveringGrants(holder: AgentPolicy, step: PlanStep, now: Date): HolderResult {
  const covering = holder.grants.filter(
    (g) =>
      operationMatches(g.operationPattern, step.tool, step.operation) &&
      g.resourcePatterns.some((pattern) => patternCovers(pattern, step.resource)),
  );
  if (covering.length === 0) return { kind: "none" };
  const live = covering.filter((g) => !g.expiresAt || g.expiresAt.getTime() > now.getTime());
  if (live.length === 0) return { kind: "expired" };
  const fitting = step.params ? live.filter((g) => acceptsParams(g, step.params)) : live;
  if (fitting.length === 0) return { kind: "params" };
  return { kind: "covered", grants: fitting };
}

function stepWords(step: PlanStep): string {
  return `${step.tool}:${step.operation} on ${step.resource}`;
}

function refusal(kind: "none" | "expired" | "params", step: PlanStep, whose: string): string {
  switch (kind) {
    case "none":
      return `No grant of ${whose} covers ${stepWords(step)}${/[*?[\]{}]/.test(step.resource) ? " (for every resource the pattern names)" : ""}.`;
    case "expired":
      return `The grant of ${whose} that covered ${stepWords(step)} has expired.`;
    case "params":
      return `The parameters of ${stepWords(step)} are outside what the grants of ${whose} allow.`;
  }
}

/**
 * Check every step; the agent's state (kill switches, and autonomy with observeOnlyRefusal) is the
 * caller's to check first.
 */
export function checkPlanSteps(
  snapshot: PolicySnapshot,
  agentId: string,
  steps: readonly PlanStep[],
  now: Date,
): PlanCoverage {
  const agent = snapshot.agents.get(agentId);
  if (!agent) return { ok: false, issues: [{ path: "(body)", message: "The agent does not exist." }] };
  const chain = agentLineage(snapshot, agent);
  const issues: FieldIssue[] = [];
  const covered: StepCoverage[] = [];
  steps.forEach((step, index) => {
    const path = `steps.${index}`;
    const operation = snapshot.operations.get(operationKey(step.tool, step.operation));
    if (!operation) {
      issues.push({
        path,
        message: `Step ${index + 1}: ${step.tool}:${step.operation} is not in the tool catalog, so no grant can cover it.`,
      });
      return;
    }
    let approvers = 1;
    let ttlSeconds = Number.POSITIVE_INFINITY;
    for (const [depth, holder] of chain.entries()) {
      const result = coveringGrants(holder, step, now);
      if (result.kind !== "covered") {
        const whose = depth === 0 ? "the agent" : `its parent agent ${holder.name}`;
        issues.push({ path, message: `Step ${index + 1}: ${refusal(result.kind, step, whose)}` });
        return;
      }
      // The strictest covering grant decides: a plan must not need fewer approvers than any of
      // the per-action approvals it replaces could.
      for (const g of result.grants) {
        approvers = Math.max(approvers, g.approvers);
        if (depth === 0) ttlSeconds = Math.min(ttlSeconds, g.approvalTtlSeconds);
      }
    }
    covered.push({ effect: operation.effect, approvers, ttlSeconds });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, steps: covered };
}
