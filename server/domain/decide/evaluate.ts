// The policy decision, as a pure function of the org's policy snapshot and one validated request.
// No I/O: what needs the store (quota consumption, the approval queue cap, using up an approval)
// is returned as data and applied atomically by the commit, which may still turn an allow into
// a deny (QUOTA_EXCEEDED, APPROVAL_CONSUMED) but never a deny into an allow.
//
// Order (DESIGN.md): agent, environment and org state → environment binding → a presented
// approval → autonomy level (the lowest of the agent's and every parent's) → grants (the agent's,
// then every parent's) → quotas → approval rules → an approved plan covering the action, in place
// of a new approval (PLAN_APPROVED).
import { operationKey, type EffectClass, type PolicySnapshot } from "../policy/policy-snapshot";
import { coveringPlan, planCharges } from "../plans/plan-envelope";
import {
  agentLineage,
  ancestorWords,
  effectiveAutonomy,
  observeOnlySentence,
  type EffectiveAutonomy,
} from "./agent-lineage";
import { agentStateDenial, environmentMismatch } from "./agent-state-denial";
import { checkPresentedApproval, type PresentedApproval } from "./check-presented-approval";
import type { DecideRequest } from "./decide-request";
import { matchGrants, type ApprovalRuleHit, type GrantMatch } from "./match-grants";
import { quotaCharges, type QuotaCharge } from "./quota-charges";
import { reason, REASON_CODES, type DecisionKind, type Reason, type ReasonCode } from "./reason-codes";

export type EvaluateInput = {
  /** From the credential or token, never from the body. */
  agentId: string;
  request: DecideRequest;
  actionHash: string;
  now: Date;
  /** The stored approval `request.approvalId` names (null: none found). Ignored without an approvalId. */
  presentedApproval?: PresentedApproval | null;
  /** The environment bound into the token the caller authenticated with. */
  tokenEnvironmentId?: string | null;
  /** The environment a request header names. */
  headerEnvironment?: string | null;
};

export type ApprovalRequirement = {
  grantId: string;
  approvers: number;
  ttlSeconds: number;
  /** Why approval is needed, in words, shown to approvers. */
  ruleReason: string;
};

export type Evaluation = {
  decision: DecisionKind;
  reason: Reason;
  grantId: string | null;
  effect: EffectClass | null;
  /** What the answer consumes if it stays an allow; for require_approval, the headroom that must exist. */
  quotaCharges: QuotaCharge[];
  /** For require_approval answers that open a new approval. */
  approvalRequirement: ApprovalRequirement | null;
  /** The approved approval this allow uses up (in the same commit). */
  consumesApprovalId: string | null;
  /** The still-undecided approval an APPROVAL_PENDING answer points to. */
  pendingApprovalId: string | null;
  /** The approved plan a PLAN_APPROVED answer stands on (its budget is among the quota charges). */
  planId: string | null;
};

/** An evaluation that is just this reason code (kill switches answered before validation use it). */
export function answer(code: ReasonCode, fields: Partial<Evaluation> = {}): Evaluation {
  return {
    decision: REASON_CODES[code].decision,
    reason: reason(code),
    grantId: null,
    effect: null,
    quotaCharges: [],
    approvalRequirement: null,
    consumesApprovalId: null,
    pendingApprovalId: null,
    planId: null,
    ...fields,
  };
}

/** The approval the effective autonomy level asks for, or null (level 3, or a read at level 1/2). */
function autonomyApproval(autonomy: EffectiveAutonomy, effect: EffectClass): string | null {
  // A sub-agent is told whose level it acts at: its own may be higher.
  const whose = autonomy.depth === 0 ? "" : ` of ${ancestorWords(autonomy)}, which a sub-agent never exceeds`;
  if (autonomy.level === 1 && effect !== "READ")
    return `Autonomy level 1 (assist)${whose}: every action that is not a read needs approval.`;
  if (autonomy.level === 2 && (effect === "DELETE" || effect === "ADMIN")) {
    return `Autonomy level 2 (guarded)${whose}: delete and admin actions need approval.`;
  }
  return null;
}

/** Level 0 anywhere in the lineage: the agent only observes, and is told which agent's level it is. */
function observeOnly(autonomy: EffectiveAutonomy): Evaluation {
  const message = observeOnlySentence(autonomy);
  return answer("AUTONOMY_OBSERVE_ONLY", { reason: { code: "AUTONOMY_OBSERVE_ONLY", message } });
}

function ruleReason(hit: ApprovalRuleHit, owner: string): string {
  return hit.why === "always"
    ? `${owner} grant requires approval for every use.`
    : `${owner} grant requires approval when the parameters match its rule.`;
}

const denialFor: Record<Exclude<GrantMatch["kind"], "match">, ReasonCode> = {
  none: "NO_MATCHING_GRANT",
  expired: "GRANT_EXPIRED",
  params: "PARAMS_OUT_OF_SCOPE",
};

export function evaluate(snapshot: PolicySnapshot, input: EvaluateInput): Evaluation {
  const { request, now } = input;
  const stateCode = agentStateDenial(snapshot, input.agentId);
  if (stateCode) return answer(stateCode);
  const agent = snapshot.agents.get(input.agentId)!;

  const mismatch = environmentMismatch(snapshot, agent.id, {
    bodyEnvironment: request.environment,
    headerEnvironment: input.headerEnvironment ?? null,
    tokenEnvironmentId: input.tokenEnvironmentId ?? null,
  });
  if (mismatch) return answer("ENVIRONMENT_MISMATCH");

  let approvedId: string | null = null;
  if (request.approvalId) {
    const check = checkPresentedApproval(input.presentedApproval ?? null, {
      agentId: agent.id,
      actionHash: input.actionHash,
      now,
    });
    if (!check.valid) {
      return answer(
        check.code,
        check.code === "APPROVAL_PENDING" ? { pendingApprovalId: request.approvalId } : {},
      );
    }
    approvedId = request.approvalId;
  }

  // The agent and its parents, nearest first (bounded; agentStateDenial has checked the chain).
  const chain = agentLineage(snapshot, agent);
  const autonomy = effectiveAutonomy(chain);
  if (autonomy.level === 0) return observeOnly(autonomy);
  const operation = snapshot.operations.get(operationKey(request.tool, request.operation));
  // An operation missing from the catalog has no effect class: nothing can be granted for it.
  if (!operation) return answer("NO_MATCHING_GRANT");
  const effect = operation.effect;

  const action = {
    tool: request.tool,
    operation: request.operation,
    resource: request.resource,
    params: request.params,
  };
  let grantId: string | null = null;
  let chosenGrant: { approvers: number; approvalTtlSeconds: number } | null = null;
  const reasons: string[] = [];
  let approvers = 1;
  for (const [depth, holder] of chain.entries()) {
    const match = matchGrants(holder.grants, action, now);
    if (match.kind !== "match") return answer(denialFor[match.kind], { effect });
    if (depth === 0) {
      grantId = match.grant.id;
      chosenGrant = match.grant;
    }
    if (match.approval) {
      reasons.push(
        ruleReason(match.approval, depth === 0 ? "The agent's" : `The parent agent ${holder.name}'s`),
      );
      approvers = Math.max(approvers, match.approval.grant.approvers);
    }
  }
  const autonomyReason = autonomyApproval(autonomy, effect);
  if (autonomyReason) reasons.unshift(autonomyReason);

  const charges = quotaCharges(agent.quotas, {
    agentId: agent.id,
    effect,
    cost: request.cost,
    runId: request.runId,
    now,
  });
  const common = { grantId, effect, quotaCharges: charges };
  if (approvedId) return answer("APPROVED", { ...common, consumesApprovalId: approvedId });
  if (reasons.length === 0) return answer("ALLOWED_BY_GRANT", common);
  // An approved plan stands in for the approval only: every check above (grants, params, kill
  // switches, autonomy 0 of the agent or a parent) has already passed, and the agent's quotas are
  // charged as usual.
  const plan = coveringPlan(agent.plans, action, request.runId, now);
  if (plan) {
    return answer("PLAN_APPROVED", {
      ...common,
      quotaCharges: [...charges, ...planCharges(plan, agent.id, request.cost)],
      planId: plan.id,
    });
  }
  return answer("APPROVAL_REQUIRED", {
    ...common,
    approvalRequirement: {
      grantId: grantId!,
      approvers: Math.max(approvers, chosenGrant!.approvers, 1),
      ttlSeconds: chosenGrant!.approvalTtlSeconds,
      ruleReason: reasons.join(" "),
    },
  });
}
