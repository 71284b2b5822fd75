import type { EffectClass, QuotaMetric, QuotaPolicy, QuotaWindow } from "../policy/policy-snapshot";
import { windowKey } from "../quotas/window-key";

/**
 * Requests without a run share one run-window bucket. A per-run cap then bounds all run-less
 * calls together (and never resets), so leaving out the run id can never buy more calls.
 */
export const NO_RUN_WINDOW_KEY = "(no run)";

/** One unit of consumption an allow would take from one quota window instance. */
export type QuotaCharge = {
  /** usageKey(agent, this charge): the usage row it lands on, computed once. */
  key: string;
  quotaId: string;
  metric: QuotaMetric;
  window: QuotaWindow;
  windowKey: string;
  amount: number;
  limit: number;
  /** Set on the budget charges of an approved plan (server/domain/plans/plan-envelope.ts). */
  planId?: string;
};

function amountFor(
  metric: QuotaMetric,
  effect: EffectClass,
  cost: { spendCents: number; tokens: number },
): number {
  switch (metric) {
    case "calls":
      return 1;
    case "writes":
      return effect === "READ" ? 0 : 1;
    case "spendCents":
      return cost.spendCents;
    case "tokens":
      return cost.tokens;
  }
}

/** What an allow of this action would consume from each of the agent's quotas. */
export function quotaCharges(
  quotas: readonly QuotaPolicy[],
  input: {
    agentId: string;
    effect: EffectClass;
    cost: { spendCents: number; tokens: number };
    runId: string | null;
    now: Date;
  },
): QuotaCharge[] {
  const charges: QuotaCharge[] = [];
  for (const quota of quotas) {
    const amount = amountFor(quota.metric, input.effect, input.cost);
    if (amount <= 0) continue;
    const charge = {
      metric: quota.metric,
      window: quota.window,
      windowKey: windowKey(quota.window, input.now, input.runId ?? NO_RUN_WINDOW_KEY),
    };
    charges.push({
      key: usageKey(input.agentId, charge),
      quotaId: quota.id,
      ...charge,
      amount,
      limit: quota.limit,
    });
  }
  return charges;
}

/** The usage row a charge lands on. */
export const usageKey = (agentId: string, charge: { metric: string; window: string; windowKey: string }) =>
  `${agentId}\u0000${charge.metric}\u0000${charge.window}\u0000${charge.windowKey}`;

/**
 * Apply charges to current usage, all or nothing: returns false (and changes nothing) when any
 * charge would go over its limit. Used inside the commit, where `used` holds the locked rows.
 */
export function tryConsume(
  used: Map<string, number>,
  charges: readonly QuotaCharge[],
  consume: boolean,
): boolean {
  for (const charge of charges) {
    const current = used.get(charge.key) ?? 0;
    if (current + charge.amount > charge.limit) return false;
  }
  if (consume) {
    for (const charge of charges) used.set(charge.key, (used.get(charge.key) ?? 0) + charge.amount);
  }
  return true;
}
