import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import { AppError } from "../../domain/errors";
import { redactPayload } from "../../domain/redaction/payload-redaction";
import { outcomeEvents, type NewRunEvent } from "../../domain/runs/outcome-events";
import { outcomeReportSchema } from "../../domain/runs/outcome-report";
import type { AgentAuthenticator } from "../auth/authenticate-agent";
import { sendJson } from "../http-util";
import { fromStore, isId, parseBody, readRuntimeBody, sendFailure } from "../routing/runtime-http";
import { findDecision, recordOutcome } from "./outcome-store";

export type OutcomeDeps = { pool: pg.Pool; auth: AgentAuthenticator };

/** A reported result is stored under the tool's RESULT redaction rules, like params under PARAMS. */
function redactResult(event: NewRunEvent, redaction: Parameters<typeof redactPayload>[0], tool: string) {
  if (!event.data || event.data.result === undefined) return event;
  const result = redactPayload(redaction, tool, "RESULT", event.data.result);
  return result === event.data.result ? event : { ...event, data: { ...event.data, result } };
}

const decisionNotFound = () => new AppError("NOT_FOUND", "There is no such decision of this agent.");

/**
 * POST /api/decisions/{id}/outcome: what happened after an allowed decision, reported once by
 * the decision's own agent. Outcomes belong to a run's timeline (run events require a run), so
 * a decision made outside a run, or one that did not allow the action, has no outcome: 409.
 * Like ending a run, reporting is not an action: a paused agent may still report.
 */
export async function handleReportOutcome(
  req: IncomingMessage,
  res: ServerResponse,
  deps: OutcomeDeps,
  decisionId: string | undefined,
): Promise<void> {
  try {
    const raw = await readRuntimeBody(req);
    const identity = await deps.auth.authenticate(req.headers.authorization);
    if (!isId("dec", decisionId)) throw decisionNotFound();
    const report = parseBody(req, raw, outcomeReportSchema);
    const decision = await fromStore(() => findDecision(deps.pool, identity.orgId, decisionId));
    if (!decision || decision.agentId !== identity.agentId) throw decisionNotFound();
    if (decision.outcome !== "ALLOW") {
      throw new AppError(
        "CONFLICT",
        "Only an allowed decision has an outcome: this one did not allow the action. Report the outcome on the decision that allowed it.",
      );
    }
    const runId = decision.runId;
    if (!runId) {
      throw new AppError(
        "CONFLICT",
        "Outcomes are recorded in a run: this decision was made outside one. Start a run (POST /api/runs) and pass its runId to /api/decide.",
      );
    }
    const recorded = await fromStore(() =>
      recordOutcome(
        deps.pool,
        { orgId: identity.orgId, agentId: identity.agentId, runId, decisionId },
        outcomeEvents(report).map((event) => redactResult(event, identity.snapshot.redaction, decision.tool)),
      ),
    );
    if (recorded.kind === "already-reported") {
      throw new AppError(
        "CONFLICT",
        `The outcome of this decision was already reported (at ${recorded.reportedAt.toISOString()}); it is reported once.`,
      );
    }
    sendJson(res, 201, {
      decisionId,
      runId,
      status: report.status,
      events: recorded.events,
      recordedAt: recorded.recordedAt.toISOString(),
    });
  } catch (error) {
    sendFailure(res, error);
  }
}
