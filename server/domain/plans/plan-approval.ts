// The approval a submitted plan asks for: one approval for the whole envelope, as strict as the
// strictest per-action approval it replaces (most approvers, shortest wait), worded for people.
import type { EffectClass } from "../policy/policy-snapshot";
import { highestEffect, type StepCoverage } from "./check-plan-steps";
import { canonicalPlan, planApprovalAction, planHash } from "./plan-hash";
import type { NewPlan, PlanBudget } from "./plan-request";

/** When no covering grant names one (it always does), the default approval TTL of a grant. */
const DEFAULT_APPROVAL_TTL_SECONDS = 600;

export type PlanApproval = {
  action: ReturnType<typeof planApprovalAction>;
  actionHash: string;
  effect: EffectClass;
  ruleReason: string;
  requiredApprovers: number;
  expiresAt: Date;
};

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** "10 calls, $5.00 of spend and 20,000 tokens". */
export function budgetWords(budget: PlanBudget): string {
  const parts: string[] = [];
  if (budget.calls !== undefined) parts.push(plural(budget.calls, "call"));
  if (budget.spendCents !== undefined) {
    const dollars = (budget.spendCents / 100).toLocaleString("en-US", {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    parts.push(`$${dollars} of spend`);
  }
  if (budget.tokens !== undefined) parts.push(plural(budget.tokens, "model token"));
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

function durationWords(seconds: number): string {
  if (seconds % 3600 === 0) return plural(seconds / 3600, "hour");
  if (seconds % 60 === 0) return plural(seconds / 60, "minute");
  return plural(seconds, "second");
}

export function planApproval(input: {
  agentId: string;
  plan: NewPlan;
  coverage: StepCoverage[];
  now: Date;
  planExpiresAt: Date;
}): PlanApproval {
  const { plan, coverage, now, planExpiresAt } = input;
  const ttlSeconds = Math.min(
    ...coverage.map((c) => (Number.isFinite(c.ttlSeconds) ? c.ttlSeconds : DEFAULT_APPROVAL_TTL_SECONDS)),
  );
  // Approving a plan after it has expired would approve nothing.
  const expiresAt = new Date(Math.min(now.getTime() + ttlSeconds * 1000, planExpiresAt.getTime()));
  const canonical = canonicalPlan({
    agentId: input.agentId,
    runId: plan.runId,
    steps: plan.steps,
    budget: plan.budget,
    expiresAt: planExpiresAt,
  });
  const scope = plan.runId ? ` in run ${plan.runId}` : "";
  return {
    action: planApprovalAction(plan),
    actionHash: planHash(canonical),
    effect: highestEffect(coverage.map((c) => c.effect)),
    ruleReason:
      `The agent asks to run a plan of ${plural(plan.steps.length, "step")}${scope} within a budget of ` +
      `${budgetWords(plan.budget)}, for up to ${durationWords(plan.expiresInSeconds)}. Once approved, ` +
      `matching actions are allowed without asking again; anything else needs its own approval.`,
    requiredApprovers: Math.max(1, ...coverage.map((c) => c.approvers)),
    expiresAt,
  };
}
