import type { IncomingMessage, ServerResponse } from "node:http";
import { RUN_STATUS_OF, endRunRequestSchema, runStatusLabel } from "../../domain/runs/end-run-request";
import { AppError } from "../../domain/errors";
import { sendJson } from "../http-util";
import { fromStore, isId, parseBody, readRuntimeBody, sendFailure } from "../routing/runtime-http";
import type { RunsDeps } from "./handle-start-run";
import { endRunningRun, findRun } from "./run-store";

const runNotFound = (runId: string) =>
  new AppError("NOT_FOUND", `There is no run ${runId.slice(0, 100)} of this agent.`);

/**
 * POST /api/runs/{id}/end: only the run's own agent ends it, once. Ending is a report, not an
 * action, so a paused agent (or one in a frozen environment) can still end its runs.
 */
export async function handleEndRun(
  req: IncomingMessage,
  res: ServerResponse,
  deps: RunsDeps,
  runId: string | undefined,
): Promise<void> {
  try {
    const raw = await readRuntimeBody(req);
    const identity = await deps.auth.authenticate(req.headers.authorization);
    if (!isId("run", runId)) throw runNotFound(runId ?? "");
    const request = parseBody(req, raw, endRunRequestSchema);
    const owner = { orgId: identity.orgId, agentId: identity.agentId };
    const ended = await fromStore(() =>
      endRunningRun(deps.pool, owner, runId, {
        status: RUN_STATUS_OF[request.status],
        summary: request.summary ?? null,
      }),
    );
    if (!ended) {
      // Nothing was ended: tell an unknown run (or another agent's, which is the same to this
      // caller) from one that already ended.
      const existing = await fromStore(() => findRun(deps.pool, identity.orgId, runId));
      if (!existing || existing.agentId !== identity.agentId) throw runNotFound(runId);
      throw new AppError(
        "CONFLICT",
        `This run already ended (${runStatusLabel(existing.status)}${
          existing.endedAt ? ` at ${existing.endedAt.toISOString()}` : ""
        }); a run ends once.`,
      );
    }
    sendJson(res, 200, {
      runId: ended.id,
      status: runStatusLabel(ended.status),
      startedAt: ended.startedAt.toISOString(),
      endedAt: ended.endedAt?.toISOString() ?? null,
    });
  } catch (error) {
    sendFailure(res, error);
  }
}
