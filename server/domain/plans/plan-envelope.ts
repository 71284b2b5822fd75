// How /api/decide honours an approved plan ("plan, then execute"). Matching, documented:
// - tool and operation: equal to the step's (a step names one catalog operation, never a glob);
// - resource: equal to the step's, or matched by it when the step is a glob (grant syntax);
// - params: when the step lists params, the request's must be equal to them — compared by the
//   SHA-256 of their canonical JSON, stored with the step (its params are stored redacted, see
//   stored-plan-steps.ts); when it does not, any params pass here — the grants have checked them;
// - run: a plan that names a run holds only inside that run;
// - time: only until the plan's expiry.
// The budget is consumed as extra quota charges on usage rows of their own (window "run", key
// `plan:<id>`), so the group commit makes it exact under concurrency like any other quota.
import { usageKey, type QuotaCharge } from "../decide/quota-charges";
import { resourceMatches } from "../grants/patterns";
import type { PlanPolicy, PlanStepPolicy, QuotaMetric } from "../policy/policy-snapshot";
import { canonicalPlan, planHash } from "./plan-hash";
import { storedPlanStepSchema, type PlanBudget, type PlanStep } from "./plan-request";
import { planParamsDigest } from "./stored-plan-steps";

export const planWindowKey = (planId: string) => `plan:${planId}`;

export const PLAN_BUDGET_METRICS = [
  "calls",
  "spendCents",
  "tokens",
] as const satisfies readonly QuotaMetric[];

/** A plan row as the policy loader reads it (only APPROVED plans whose approval is APPROVED). */
export type StoredPlanRow = {
  id: string;
  agentId: string;
  runId: string | null;
  steps: unknown;
  budget: unknown;
  expiresAt: string | Date;
  /** The action hash of the approval that approved it. */
  approvalHash: string;
};

function readBudget(value: unknown): PlanBudget | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const budget: PlanBudget = {};
  for (const [key, amount] of Object.entries(value)) {
    if (!(PLAN_BUDGET_METRICS as readonly string[]).includes(key)) return null;
    if (typeof amount !== "number" || !Number.isSafeInteger(amount) || amount < 0) return null;
    budget[key as keyof PlanBudget] = amount;
  }
  return Object.keys(budget).length > 0 ? budget : null;
}

/**
 * The snapshot's form of a stored plan, or null — a plan that does not read back exactly as it
 * was approved (malformed, or its hash differs from its approval's) stands in for nothing.
 */
export function planPolicyFromRow(row: StoredPlanRow): PlanPolicy | null {
  if (!Array.isArray(row.steps) || row.steps.length === 0) return null;
  const steps: PlanStep[] = [];
  for (const raw of row.steps) {
    const parsed = storedPlanStepSchema.safeParse(raw);
    if (!parsed.success) return null;
    steps.push(raw as PlanStep);
  }
  const budget = readBudget(row.budget);
  const expiresAt = new Date(row.expiresAt);
  if (!budget || Number.isNaN(expiresAt.getTime())) return null;
  const hash = planHash(canonicalPlan({ agentId: row.agentId, runId: row.runId, steps, budget, expiresAt }));
  if (hash !== row.approvalHash) return null;
  return {
    id: row.id,
    runId: row.runId,
    steps: steps.map((s) => ({
      tool: s.tool,
      operation: s.operation,
      resource: s.resource,
      // A step stored before digests were kept holds its params in clear: digest them here.
      paramsDigest: s.params === undefined ? null : (s.paramsDigest ?? planParamsDigest(s.params)),
    })),
    budget,
    expiresAt,
  };
}

type Action = { tool: string; operation: string; resource: string; params: Record<string, unknown> };

function stepMatches(step: PlanStepPolicy, action: Action, paramsDigest: () => string): boolean {
  if (step.tool !== action.tool || step.operation !== action.operation) return false;
  if (!resourceMatches([step.resource], action.resource)) return false;
  return step.paramsDigest === null || step.paramsDigest === paramsDigest();
}

/** The first live plan (soonest expiry first) with a step matching the action, or null. */
export function coveringPlan(
  plans: readonly PlanPolicy[] | undefined,
  action: Action,
  runId: string | null,
  now: Date,
): PlanPolicy | null {
  if (!plans || plans.length === 0) return null;
  let digest: string | null = null;
  const paramsDigest = () => (digest ??= planParamsDigest(action.params));
  for (const plan of plans) {
    if (plan.expiresAt.getTime() <= now.getTime()) continue;
    if (plan.runId !== null && plan.runId !== runId) continue;
    if (plan.steps.some((step) => stepMatches(step, action, paramsDigest))) return plan;
  }
  return null;
}

/** What an action inside the plan takes from its budget: a call, and its spend and tokens. */
export function planCharges(
  plan: PlanPolicy,
  agentId: string,
  cost: { spendCents: number; tokens: number },
): QuotaCharge[] {
  const charges: QuotaCharge[] = [];
  const amounts: Record<(typeof PLAN_BUDGET_METRICS)[number], number> = {
    calls: 1,
    spendCents: cost.spendCents,
    tokens: cost.tokens,
  };
  for (const metric of PLAN_BUDGET_METRICS) {
    const limit = plan.budget[metric];
    const amount = amounts[metric];
    // A metric the budget leaves out is not limited by the plan; a zero amount takes nothing.
    if (limit === undefined || amount <= 0) continue;
    const charge = { metric, window: "run" as const, windowKey: planWindowKey(plan.id) };
    charges.push({
      key: usageKey(agentId, charge),
      quotaId: plan.id,
      ...charge,
      amount,
      limit,
      planId: plan.id,
    });
  }
  return charges;
}

/** A decision's `plan`: the plan and, for each budget metric it charged, the use after it. */
export function planBudgetReport(
  usage: ReadonlyMap<string, number>,
  charges: readonly QuotaCharge[],
  planId: string,
): { id: string; budget: { metric: QuotaMetric; used: number; limit: number }[] } {
  return {
    id: planId,
    budget: charges
      .filter((c) => c.planId === planId)
      .map((c) => ({ metric: c.metric, used: usage.get(c.key) ?? 0, limit: c.limit })),
  };
}
