// What a plan's approval is bound to. The approvers see `{ plan: { steps, budget } }`; the hash
// also covers the agent, the run and the expiry, so an approval can never be carried over to a
// plan that differs in anything that was approved. The policy loader recomputes it from the plan
// row and honours a plan only when it equals the approval's action hash.
import { sha256Hex } from "../audit/hash-chain";
import { canonicalJson, type JsonValue } from "../canonical-json";
import type { PlanBudget, PlanStep } from "./plan-request";

export type CanonicalPlan = {
  agent: string;
  run: string | null;
  steps: PlanStep[];
  budget: PlanBudget;
  expiresAt: string;
};

export function canonicalPlan(input: {
  agentId: string;
  runId: string | null;
  steps: PlanStep[];
  budget: PlanBudget;
  expiresAt: Date;
}): CanonicalPlan {
  return {
    agent: input.agentId,
    run: input.runId,
    steps: input.steps,
    budget: input.budget,
    expiresAt: input.expiresAt.toISOString(),
  };
}

export function planHash(plan: CanonicalPlan): string {
  return sha256Hex(canonicalJson(plan));
}

/** The approval's `action`, exactly this shape: the approval inbox renders it. */
export function planApprovalAction(plan: { steps: PlanStep[]; budget: PlanBudget }): {
  plan: { steps: JsonValue; budget: JsonValue };
} {
  return { plan: { steps: plan.steps, budget: plan.budget } };
}
