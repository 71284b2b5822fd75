import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "../../domain/errors";
import { planView } from "../../domain/plans/plan-view";
import { sendJson } from "../http-util";
import { fromStore, isId, sendFailure } from "../routing/runtime-http";
import type { PlansDeps } from "./handle-submit-plan";
import { findPlan } from "./plan-store";

const planNotFound = () => new AppError("NOT_FOUND", "There is no such plan for this agent.");

/**
 * GET /api/plans/{id}: one of the calling agent's plans — its state, budget and use. Another
 * agent's plan reads as unknown (404), as for approvals. To wait for the decision, long-poll the
 * plan's approval (GET /api/approvals/{id}?wait=N).
 */
export async function handleGetPlan(
  req: IncomingMessage,
  res: ServerResponse,
  deps: PlansDeps,
  planId: string | undefined,
): Promise<void> {
  try {
    const identity = await deps.auth.authenticate(req.headers.authorization);
    if (!isId("pln", planId)) throw planNotFound();
    if ((req.url ?? "").includes("?")) {
      throw new AppError("INVALID_REQUEST", "This call takes no query parameters.");
    }
    const row = await fromStore(() => findPlan(deps.pool, identity.orgId, planId));
    if (!row || row.agentId !== identity.agentId) throw planNotFound();
    sendJson(res, 200, planView(row, new Date()));
  } catch (error) {
    sendFailure(res, error);
  }
}
