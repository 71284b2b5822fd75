import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import { agentStateDenial, environmentMismatch } from "../../domain/decide/agent-state-denial";
import { REASON_CODES, type ReasonCode } from "../../domain/decide/reason-codes";
import { newRun, startRunRequestSchema } from "../../domain/runs/start-run-request";
import type { AgentAuthenticator } from "../auth/authenticate-agent";
import { ENVIRONMENT_HEADER } from "../decide/handle-decide";
import { sendJson } from "../http-util";
import { fromStore, parseBody, readRuntimeBody, sendFailure } from "../routing/runtime-http";
import { insertRun } from "./run-store";

export type RunsDeps = { pool: pg.Pool; auth: AgentAuthenticator };

/** A kill switch refuses a run with the decide reason code, as a 403 error body. */
export const RUN_REFUSAL_STATUS = 403;

function sendRefusal(res: ServerResponse, code: ReasonCode): void {
  sendJson(res, RUN_REFUSAL_STATUS, { error: { code, message: REASON_CODES[code].message } });
}

/**
 * POST /api/runs: start a run of the calling agent. Same order as /api/decide: authenticate →
 * kill switches (a paused or decommissioned agent, or a frozen environment or org, starts no run:
 * 403 with the decide reason code) → strict validation → write.
 */
export async function handleStartRun(
  req: IncomingMessage,
  res: ServerResponse,
  deps: RunsDeps,
): Promise<void> {
  try {
    const raw = await readRuntimeBody(req);
    const identity = await deps.auth.authenticate(req.headers.authorization);
    const { snapshot, agentId } = identity;
    const stateCode = agentStateDenial(snapshot, agentId);
    if (stateCode) return sendRefusal(res, stateCode);
    const header = req.headers[ENVIRONMENT_HEADER];
    const mismatch = environmentMismatch(snapshot, agentId, {
      bodyEnvironment: null,
      headerEnvironment: typeof header === "string" ? header : null,
      tokenEnvironmentId: identity.tokenEnvironmentId,
    });
    if (mismatch) return sendRefusal(res, "ENVIRONMENT_MISMATCH");
    const request = parseBody(req, raw, startRunRequestSchema);
    const run = await fromStore(() =>
      insertRun(deps.pool, { orgId: identity.orgId, agentId }, newRun(request)),
    );
    sendJson(res, 201, { runId: run.id, status: "running", startedAt: run.startedAt.toISOString() });
  } catch (error) {
    sendFailure(res, error);
  }
}
