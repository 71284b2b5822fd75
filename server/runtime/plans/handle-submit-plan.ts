import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import { sha256Hex } from "../../domain/audit/hash-chain";
import { canonicalJson } from "../../domain/canonical-json";
import { REASON_CODES, type ReasonCode } from "../../domain/decide/reason-codes";
import { AppError } from "../../domain/errors";
import { checkPlanSteps, observeOnlyRefusal } from "../../domain/plans/check-plan-steps";
import { planApproval } from "../../domain/plans/plan-approval";
import { newPlan, submitPlanRequestSchema } from "../../domain/plans/plan-request";
import { storedPlanSteps } from "../../domain/plans/stored-plan-steps";
import type { AgentAuthenticator } from "../auth/authenticate-agent";
import { sendRefusal, stoppedAgentCode } from "../auth/stopped-agent";
import { sendJson } from "../http-util";
import { fromStore, parseBody, readRuntimeBody, sendFailure } from "../routing/runtime-http";
import {
  findIdempotentPlan,
  insertPlanWithApproval,
  type IdempotentPlan,
  type PlanIdempotency,
  type SubmittedPlan,
} from "./plan-store";

export type PlansDeps = { pool: pg.Pool; auth: AgentAuthenticator };

/** Codes with which POST /api/plans refuses a plan as a whole (403), besides PLAN_OUT_OF_SCOPE. */
export const PLAN_REFUSAL_CODES = [
  "AGENT_PAUSED",
  "AGENT_DECOMMISSIONED",
  "ENVIRONMENT_FROZEN",
  "ORG_FROZEN",
  "ENVIRONMENT_MISMATCH",
  "AUTONOMY_OBSERVE_ONLY",
] as const satisfies readonly ReasonCode[];

/** Some step is outside the agent's grants; `issues` names each one (`steps.<index>`). */
export const PLAN_OUT_OF_SCOPE = "PLAN_OUT_OF_SCOPE";
export const PLAN_OUT_OF_SCOPE_SENTENCE =
  "The plan is refused: a plan never widens what the agent may do, and some of its steps are outside the agent's grants.";

function sendSubmitted(res: ServerResponse, plan: SubmittedPlan, replayed: boolean): void {
  sendJson(
    res,
    201,
    {
      planId: plan.planId,
      status: "PENDING",
      expiresAt: plan.expiresAt.toISOString(),
      approval: { id: plan.approvalId, expiresAt: plan.approvalExpiresAt.toISOString() },
    },
    replayed ? { "idempotent-replayed": "true" } : {},
  );
}

/** A retry of an earlier submission gets that submission's answer; another body with its key, a 422. */
function replay(res: ServerResponse, existing: IdempotentPlan, idempotency: PlanIdempotency): void {
  if (existing.requestHash !== idempotency.requestHash) {
    throw new AppError(
      "IDEMPOTENCY_CONFLICT",
      "This idempotency key was already used with a different plan. Use a new key for a new plan.",
    );
  }
  sendSubmitted(res, existing, true);
}

/**
 * POST /api/plans: submit a plan to be approved once as an envelope. Same order as /api/decide:
 * authenticate → kill switches → strict validation → idempotency → every step within the grants → in one
 * transaction, the approval-queue cap, the plan and its approval. The runtime then waits on the
 * approval (GET /api/approvals/{id}?wait=N) and calls /api/decide as usual: steps of the approved
 * plan answer PLAN_APPROVED instead of asking again.
 */
export async function handleSubmitPlan(
  req: IncomingMessage,
  res: ServerResponse,
  deps: PlansDeps,
): Promise<void> {
  try {
    const raw = await readRuntimeBody(req);
    const identity = await deps.auth.authenticate(req.headers.authorization);
    const { snapshot, agentId } = identity;
    const stopped = stoppedAgentCode(identity, req);
    if (stopped) return sendRefusal(res, stopped);
    const agent = snapshot.agents.get(agentId)!;
    // An agent that observes (or whose parent does) is refused every action, so no plan could
    // ever be used. The sentence names the parent when it is the parent's level.
    const observing = observeOnlyRefusal(snapshot, agentId);
    if (observing) {
      sendJson(res, 403, { error: { code: "AUTONOMY_OBSERVE_ONLY", message: observing } });
      return;
    }

    const request = parseBody(req, raw, submitPlanRequestSchema);
    const plan = newPlan(request);
    // The body as submitted, defaults settled (the key itself is not part of it).
    const idempotency: PlanIdempotency | null = request.idempotencyKey
      ? { key: request.idempotencyKey, requestHash: sha256Hex(canonicalJson(plan)) }
      : null;
    if (idempotency) {
      const existing = await fromStore(() => findIdempotentPlan(deps.pool, agentId, idempotency.key));
      if (existing) return replay(res, existing, idempotency);
    }
    const now = new Date();
    const coverage = checkPlanSteps(snapshot, agentId, plan.steps, now);
    if (!coverage.ok) {
      const message = `${PLAN_OUT_OF_SCOPE_SENTENCE} ${coverage.issues.map((i) => i.message).join(" ")}`;
      sendJson(res, 403, {
        error: {
          code: PLAN_OUT_OF_SCOPE,
          message: message.length > 2000 ? `${message.slice(0, 1999)}…` : message,
          issues: coverage.issues,
        },
      });
      return;
    }
    const planExpiresAt = new Date(now.getTime() + plan.expiresInSeconds * 1000);
    // The grants were checked on the params as sent; what is stored, shown to the approvers and
    // bound by the approval's hash is the steps with redacted params and their digests.
    const stored = { ...plan, steps: storedPlanSteps(snapshot.redaction, plan.steps) };
    const approval = planApproval({ agentId, plan: stored, coverage: coverage.steps, now, planExpiresAt });
    const created = await fromStore(() =>
      insertPlanWithApproval(deps.pool, {
        orgId: identity.orgId,
        agentId,
        maxPendingApprovals: agent.maxPendingApprovals,
        plan: stored,
        planExpiresAt,
        approval,
        idempotency,
      }),
    );
    if (created.kind === "queue-full") {
      sendJson(res, 429, {
        error: { code: "APPROVAL_QUEUE_FULL", message: REASON_CODES.APPROVAL_QUEUE_FULL.message },
      });
      return;
    }
    // A concurrent submission with the same key got there first.
    if (created.kind === "existing") return replay(res, created, idempotency!);
    sendSubmitted(res, created, false);
  } catch (error) {
    sendFailure(res, error);
  }
}
