// Approved plans for the evaluate and settle tests, stored as the policy loader reads them: with
// the hash their approval was bound to, so that the snapshot honours them.
import { canonicalPlan, planHash } from "../../plans/plan-hash";
import type { StoredPlanRow } from "../../plans/plan-envelope";
import type { PlanBudget, PlanStep } from "../../plans/plan-request";
import { NOW } from "./policy-fixture";

export const mergeStep: PlanStep = { tool: "github", operation: "pulls.merge", resource: "repo:acme/web" };

export function planRow(
  overrides: {
    id?: string;
    agentId?: string;
    runId?: string | null;
    steps?: PlanStep[];
    budget?: PlanBudget;
    expiresAt?: Date;
    /** Store these steps instead (a row changed after approval). */
    tamperedSteps?: PlanStep[];
  } = {},
): StoredPlanRow {
  const row = {
    id: overrides.id ?? "pln_1",
    agentId: overrides.agentId ?? "agt_main",
    runId: overrides.runId ?? null,
    steps: overrides.steps ?? [mergeStep],
    budget: overrides.budget ?? { calls: 10 },
    expiresAt: overrides.expiresAt ?? new Date(NOW.getTime() + 3_600_000),
  };
  const approvalHash = planHash(canonicalPlan(row));
  return {
    ...row,
    steps: overrides.tamperedSteps ?? row.steps,
    expiresAt: row.expiresAt.toISOString(),
    approvalHash,
  };
}
