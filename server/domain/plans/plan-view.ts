// What an agent may see of its own plan (GET /api/plans/{id}): the plan as submitted, its state
// as /api/decide would treat it now, and how much of the budget has been used.
import { approvalView, type ApprovalRow, type ApprovalView } from "../approvals/approval-view";
import type { PlanBudget, PlanStep } from "./plan-request";
import { PLAN_BUDGET_METRICS } from "./plan-envelope";

export type PlanStatusName = "PENDING" | "APPROVED" | "DENIED" | "EXPIRED" | "CANCELLED" | "EXHAUSTED";

export type PlanRow = {
  id: string;
  runId: string | null;
  steps: PlanStep[];
  budget: PlanBudget;
  summary: string | null;
  status: PlanStatusName;
  expiresAt: Date;
  createdAt: Date;
  /** Budget use so far, from the plan's usage rows. */
  used: PlanBudget;
  approval: ApprovalRow | null;
};

export type PlanView = {
  planId: string;
  status: PlanStatusName;
  runId: string | null;
  summary: string | null;
  steps: PlanStep[];
  budget: PlanBudget;
  /** For each metric the budget sets: how much was used (0 when nothing). */
  used: PlanBudget;
  expiresAt: string;
  createdAt: string;
  approval: ApprovalView | null;
};

/**
 * The state as the decision API would treat it now. Nothing sweeps plans, so an approved plan
 * past its expiry reads EXPIRED, a pending one whose approval lapsed too, and an approved plan
 * whose call budget is used up reads EXHAUSTED (no further action fits; a spend or token budget
 * may be used up while actions costing nothing still fit, so those do not exhaust it).
 */
export function effectivePlanStatus(row: PlanRow, now: Date): PlanStatusName {
  const expired = row.expiresAt.getTime() <= now.getTime();
  if (row.status === "APPROVED") {
    if (expired) return "EXPIRED";
    if (row.budget.calls !== undefined && (row.used.calls ?? 0) >= row.budget.calls) return "EXHAUSTED";
    return "APPROVED";
  }
  if (row.status === "PENDING") {
    const approval = row.approval ? approvalView(row.approval, now).status : "EXPIRED";
    if (expired || approval === "EXPIRED") return "EXPIRED";
    if (approval === "DENIED" || approval === "CANCELLED") return approval;
  }
  return row.status;
}

export function planView(row: PlanRow, now: Date): PlanView {
  const used: PlanBudget = {};
  for (const metric of PLAN_BUDGET_METRICS) {
    if (row.budget[metric] !== undefined) used[metric] = row.used[metric] ?? 0;
  }
  return {
    planId: row.id,
    status: effectivePlanStatus(row, now),
    runId: row.runId,
    summary: row.summary,
    // The digest a step is matched on is the server's business, not part of the plan as submitted.
    steps: row.steps.map(({ paramsDigest: _digest, ...step }) => step),
    budget: row.budget,
    used,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    approval: row.approval ? approvalView(row.approval, now) : null,
  };
}
