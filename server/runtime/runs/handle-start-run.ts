import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import { newRun, startRunRequestSchema } from "../../domain/runs/start-run-request";
import type { AgentAuthenticator } from "../auth/authenticate-agent";
import { sendRefusal, stoppedAgentCode } from "../auth/stopped-agent";
import { sendJson } from "../http-util";
import { fromStore, parseBody, readRuntimeBody, sendFailure } from "../routing/runtime-http";
import { insertRun } from "./run-store";

export type RunsDeps = { pool: pg.Pool; auth: AgentAuthenticator };

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
    const stopped = stoppedAgentCode(identity, req);
    if (stopped) return sendRefusal(res, stopped);
    const request = parseBody(req, raw, startRunRequestSchema);
    const run = await fromStore(() =>
      insertRun(deps.pool, { orgId: identity.orgId, agentId: identity.agentId }, newRun(request)),
    );
    sendJson(res, 201, { runId: run.id, status: "running", startedAt: run.startedAt.toISOString() });
  } catch (error) {
    sendFailure(res, error);
  }
}
