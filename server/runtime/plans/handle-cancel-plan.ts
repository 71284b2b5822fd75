import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { AppError } from "../../domain/errors";
import { planView } from "../../domain/plans/plan-view";
import { sendJson } from "../http-util";
import { fromStore, isId, parseBody, readRuntimeBody, sendFailure } from "../routing/runtime-http";
import { cancelPlan } from "./cancel-plan-store";
import type { PlansDeps } from "./handle-submit-plan";
import { findPlan } from "./plan-store";

const planNotFound = () => new AppError("NOT_FOUND", "There is no such plan for this agent.");

// No fields yet; an empty body or `{}` is accepted, anything else is refused rather than ignored.
const cancelPlanRequestSchema = z.object({}).strict();

/**
 * POST /api/plans/{id}/cancel: the plan's own agent gives up a pending or approved plan. Another
 * agent's plan reads as unknown (404). Cancelling a cancelled plan answers its state again, so a
 * retry is harmless; a plan that was denied, expired or used up cannot be cancelled (409).
 */
export async function handleCancelPlan(
  req: IncomingMessage,
  res: ServerResponse,
  deps: PlansDeps,
  planId: string | undefined,
): Promise<void> {
  try {
    const raw = await readRuntimeBody(req);
    const identity = await deps.auth.authenticate(req.headers.authorization);
    if (!isId("pln", planId)) throw planNotFound();
    if ((req.url ?? "").includes("?")) {
      throw new AppError("INVALID_REQUEST", "This call takes no query parameters.");
    }
    if (raw.length > 0) parseBody(req, raw, cancelPlanRequestSchema);
    const owner = { orgId: identity.orgId, agentId: identity.agentId };
    const outcome = await fromStore(() => cancelPlan(deps.pool, owner, planId));
    if (outcome.kind === "not-found") throw planNotFound();
    if (outcome.kind === "unchanged" && outcome.status !== "CANCELLED") {
      throw new AppError(
        "CONFLICT",
        `This plan is already ${outcome.status.toLowerCase()}; only a pending or approved plan can be cancelled.`,
      );
    }
    const row = await fromStore(() => findPlan(deps.pool, identity.orgId, planId));
    if (!row || row.agentId !== identity.agentId) throw planNotFound();
    sendJson(res, 200, planView(row, new Date()));
  } catch (error) {
    sendFailure(res, error);
  }
}
