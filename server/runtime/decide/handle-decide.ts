import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import { sha256Hex } from "../../domain/audit/hash-chain";
import { canonicalJson } from "../../domain/canonical-json";
import { actionHash, canonicalAction } from "../../domain/decide/action-hash";
import { canonicalRequestJson } from "../../domain/decide/canonical-forms";
import { agentStateDenial } from "../../domain/decide/agent-state-denial";
import type { PresentedApproval } from "../../domain/decide/check-presented-approval";
import {
  validateDecideRequest,
  type DecideRequest,
  type DecideValidation,
} from "../../domain/decide/decide-request";
import { answer, evaluate } from "../../domain/decide/evaluate";
import type { PendingDecision } from "../../domain/decide/settle-batch";
import { AppError } from "../../domain/errors";
import { redactPayload } from "../../domain/redaction/payload-redaction";
import type { AgentAuthenticator } from "../auth/authenticate-agent";
import { readBody, sendError, sendJson, sendJsonText } from "../http-util";
import type { DecisionCommitter } from "./decision-committer";
import { readPresentedApproval, type RunLookup } from "./decide-lookups";

export const MAX_DECIDE_BODY_BYTES = 64 * 1024;
/** A header through which a runtime can state the environment it believes it runs in. */
export const ENVIRONMENT_HEADER = "x-warden-environment";

export type DecideDeps = {
  pool: pg.Pool;
  auth: AgentAuthenticator;
  committer: DecisionCommitter;
  runs: RunLookup;
};

const utf8 = new TextDecoder("utf-8", { fatal: true });
/**
 * `dec_` + 32 hex digits: the time in milliseconds (12) and 80 random bits (20). Ids that grow with
 * time land at the right edge of the primary key's index, instead of dirtying a random page each.
 */
function newDecisionId(): string {
  const random = randomUUID(); // xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx: the first and last groups are random
  return `dec_${Date.now().toString(16).padStart(12, "0")}${random.slice(0, 8)}${random.slice(24)}`;
}

function decodeBody(raw: Buffer): DecideValidation | string {
  try {
    return utf8.decode(raw);
  } catch {
    return { ok: false, error: new AppError("INVALID_REQUEST", "The request body is not valid UTF-8.") };
  }
}

function validateBody(req: IncomingMessage, raw: Buffer): DecideValidation {
  const type = req.headers["content-type"];
  if (type !== undefined && !/^application\/json\s*(;|$)/i.test(type)) {
    return {
      ok: false,
      error: new AppError("INVALID_REQUEST", "Send the request as JSON (Content-Type: application/json)."),
    };
  }
  const decoded = decodeBody(raw);
  return typeof decoded === "string" ? validateDecideRequest(decoded) : decoded;
}

/**
 * POST /api/decide. The order is the contract's: authenticate → kill switches → strict
 * validation → (in the commit) idempotency → presented approval → autonomy → grants → quotas →
 * approval rules → durable write → answer.
 */
export async function handleDecide(
  req: IncomingMessage,
  res: ServerResponse,
  deps: DecideDeps,
): Promise<void> {
  const receivedAt = performance.now();
  if (req.method !== "POST") {
    sendJson(
      res,
      405,
      { error: { code: "INVALID_REQUEST", message: "Use POST for /api/decide." } },
      { allow: "POST" },
    );
    return;
  }
  try {
    const raw = await readBody(req, MAX_DECIDE_BODY_BYTES);
    // The synchronous check first: on the hot path a remembered credential costs no await.
    const identity =
      deps.auth.authenticateFromMemory(req.headers.authorization) ??
      (await deps.auth.authenticate(req.headers.authorization));
    const { snapshot, agentId } = identity;
    const stateCode = agentStateDenial(snapshot, agentId);
    const validation = validateBody(req, raw);
    if (!validation.ok && !stateCode) throw validation.error;
    const request: DecideRequest | null = validation.ok ? validation.request : null;

    let presentedApproval: PresentedApproval | null = null;
    if (request && !stateCode) {
      if (request.runId) await deps.runs.assertRunOfAgent(identity.orgId, agentId, request.runId);
      if (request.approvalId)
        presentedApproval = await readPresentedApproval(deps.pool, identity.orgId, request.approvalId);
    }
    const action = canonicalAction({
      agentId,
      runId: request?.runId ?? null,
      tool: request?.tool ?? "",
      operation: request?.operation ?? "",
      resource: request?.resource ?? "",
      params: request?.params ?? null,
    });
    // The params are canonicalized once, for the action hash, the request hash and the chain hash.
    const paramsJson = canonicalJson(action.params);
    const hash = actionHash(action, paramsJson);
    const header = req.headers[ENVIRONMENT_HEADER];
    const evaluation =
      request && !stateCode
        ? evaluate(snapshot, {
            agentId,
            request,
            actionHash: hash,
            now: new Date(),
            presentedApproval,
            tokenEnvironmentId: identity.tokenEnvironmentId,
            headerEnvironment: typeof header === "string" ? header : null,
          })
        : answer(stateCode!);
    // Stored params (the decision's and the approval's) follow the tool's redaction rules; the
    // action hash, and so every approval, stays bound to the params as sent. No rules: no copy.
    const storedParams = redactPayload(snapshot.redaction, action.tool, "PARAMS", action.params);
    const redacted = storedParams === action.params ? null : { ...action, params: storedParams };

    const pending: PendingDecision = {
      decisionId: newDecisionId(),
      orgId: identity.orgId,
      agentId,
      credentialId: identity.credentialId,
      maxPendingApprovals: snapshot.agents.get(agentId)?.maxPendingApprovals ?? 0,
      policyVersion: snapshot.version,
      action: redacted ?? action,
      paramsJson: redacted ? canonicalJson(storedParams) : paramsJson,
      actionHash: hash,
      // A refusal by kill switch happens before idempotency, so it neither uses nor stores the key.
      // The request hash tells a replay from a reuse of the key, so only keyed requests need one.
      requestHash:
        request?.idempotencyKey && !stateCode ? sha256Hex(canonicalRequestJson(request, paramsJson)) : null,
      idempotencyKey: stateCode ? null : (request?.idempotencyKey ?? null),
      onBehalfOf: request?.onBehalfOf ?? null,
      cost: request?.cost ?? { spendCents: 0, tokens: 0 },
      evaluation,
      presentedApproval,
      receivedAt,
    };
    const settlement = await deps.committer.submit(pending);
    if (settlement.kind === "decided")
      sendJsonText(res, 200, settlement.json ?? JSON.stringify(settlement.response));
    else if (settlement.kind === "replay")
      sendJson(res, 200, settlement.response, { "idempotent-replayed": "true" });
    else {
      sendError(
        res,
        new AppError(
          "IDEMPOTENCY_CONFLICT",
          "This idempotency key was already used with a different request body.",
        ),
      );
    }
  } catch (error) {
    if (error instanceof AppError) {
      sendError(res, error);
      return;
    }
    throw error;
  }
}
