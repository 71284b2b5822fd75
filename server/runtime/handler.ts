import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import { decisionChainKey } from "../domain/decide/decision-record";
import { AgentAuthenticator } from "./auth/authenticate-agent";
import { handleJwks, handleToken } from "./auth/handle-token";
import { SigningKeys } from "./auth/signing-keys";
import { RunLookup } from "./decide/decide-lookups";
import { DecisionCommitter, type CommitterOptions } from "./decide/decision-committer";
import { handleDecide } from "./decide/handle-decide";
import { ApprovalWatcher } from "./approvals/approval-watcher";
import { handleGetApproval } from "./approvals/handle-get-approval";
import { checkHealth } from "./health";
import { sendJson } from "./http-util";
import { handleOpenApi } from "./openapi/handle-openapi";
import { handleReportOutcome } from "./outcomes/handle-report-outcome";
import { handleCancelPlan } from "./plans/handle-cancel-plan";
import { handleGetPlan } from "./plans/handle-get-plan";
import { handleSubmitPlan } from "./plans/handle-submit-plan";
import { PolicyCache, type PolicyCacheOptions } from "./policy/policy-cache";
import { sendMethodNotAllowed } from "./routing/runtime-http";
import { matchRuntimeRoute } from "./routing/runtime-routes";
import { handleEndRun } from "./runs/handle-end-run";
import { handleStartRun } from "./runs/handle-start-run";

export type RuntimeDeps = {
  pool: pg.Pool;
  /**
   * Names this process's decision chains (`dec:<orgId>:<instanceId>.<flush slot>`). Default: WARDEN_INSTANCE_ID
   * or a random id per start. Two processes sharing one id stay correct (they lock the same chain
   * head) but wait on each other.
   */
  instanceId?: string;
  /** Where to LISTEN for policy changes. Default: the pool's connection string; null: version checks only. */
  listenConnectionString?: string | null;
  policy?: Omit<PolicyCacheOptions, "listenConnectionString">;
  committer?: CommitterOptions;
};

export type Runtime = {
  instanceId: string;
  policy: PolicyCache;
  keys: SigningKeys;
  auth: AgentAuthenticator;
  committer: DecisionCommitter;
  runs: RunLookup;
  approvals: ApprovalWatcher;
};

export type RuntimeHandler = ((req: IncomingMessage, res: ServerResponse) => Promise<boolean>) & {
  runtime: Runtime;
  /** Stop listening and timers and wait for the running batch; the pool is the caller's to end. */
  close(): Promise<void>;
};

const LAST_USED_FLUSH_MS = 30_000;

/**
 * The runtime API: a plain Node HTTP handler that sits in front of Next.js (or runs alone).
 * Returns false for paths it does not own, so the caller can hand them to Next.
 */
export function createRuntimeHandler(deps: RuntimeDeps): RuntimeHandler {
  const { pool } = deps;
  const instanceId = deps.instanceId ?? process.env.WARDEN_INSTANCE_ID ?? randomBytes(6).toString("hex");
  const listen =
    deps.listenConnectionString === undefined
      ? (pool.options.connectionString ?? null)
      : deps.listenConnectionString;
  const policy = new PolicyCache(pool, { ...deps.policy, listenConnectionString: listen });
  const keys = new SigningKeys(pool);
  const auth = new AgentAuthenticator(policy, keys);
  const committer = new DecisionCommitter(
    pool,
    (orgId, slot) => decisionChainKey(orgId, `${instanceId}.${slot}`),
    deps.committer,
  );
  const runs = new RunLookup(pool);
  const approvals = new ApprovalWatcher(listen);
  const runtime: Runtime = { instanceId, policy, keys, auth, committer, runs, approvals };
  policy.start();

  // Last use of credentials is bookkeeping, not policy: written in bulk, off the decision path.
  const flushLastUsed = async () => {
    if (auth.usedCredentials.size === 0) return;
    const ids = [...auth.usedCredentials];
    auth.usedCredentials.clear();
    await pool
      .query("UPDATE credentials SET last_used_at = now() WHERE id = ANY($1::text[])", [ids])
      .catch(() => undefined);
  };
  const lastUsedTimer = setInterval(() => void flushLastUsed(), LAST_USED_FLUSH_MS);
  lastUsedTimer.unref();

  const handle = async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const match = matchRuntimeRoute(req.method, query === -1 ? url : url.slice(0, query));
    if (match.kind === "none") return false;
    if (match.kind === "wrong-method") {
      sendMethodNotAllowed(res, match.route);
      return true;
    }
    const { id } = match.params;
    switch (match.route.name) {
      case "decide":
        await handleDecide(req, res, { pool, auth, committer, runs });
        return true;
      case "token":
        await handleToken(req, res, { auth, keys });
        return true;
      case "jwks":
        await handleJwks(req, res, keys);
        return true;
      case "health": {
        const health = await checkHealth(pool);
        sendJson(res, health.database.status === "up" ? 200 : 503, health);
        return true;
      }
      case "openapi":
        handleOpenApi(req, res);
        return true;
      case "startRun":
        await handleStartRun(req, res, { pool, auth });
        return true;
      case "endRun":
        await handleEndRun(req, res, { pool, auth }, id);
        // Decisions for a run this instance ended are refused at once, not after the cache's re-read.
        if (res.statusCode === 200 && id) runs.markEnded(id);
        return true;
      case "reportOutcome":
        await handleReportOutcome(req, res, { pool, auth }, id);
        return true;
      case "getApproval":
        await handleGetApproval(req, res, { pool, auth, watcher: approvals }, id);
        return true;
      case "submitPlan":
        await handleSubmitPlan(req, res, { pool, auth });
        return true;
      case "getPlan":
        await handleGetPlan(req, res, { pool, auth }, id);
        return true;
      case "cancelPlan":
        await handleCancelPlan(req, res, { pool, auth }, id);
        return true;
    }
  } as RuntimeHandler;

  handle.runtime = runtime;
  handle.close = async () => {
    clearInterval(lastUsedTimer);
    await approvals.close();
    await policy.close();
    await committer.drained();
    await flushLastUsed();
  };
  return handle;
}
