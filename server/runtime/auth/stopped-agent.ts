import type { IncomingMessage, ServerResponse } from "node:http";
import { agentStateDenial, environmentMismatch } from "../../domain/decide/agent-state-denial";
import { REASON_CODES, type ReasonCode } from "../../domain/decide/reason-codes";
import { ENVIRONMENT_HEADER } from "../decide/handle-decide";
import { sendJson } from "../http-util";
import type { AgentIdentity } from "./authenticate-agent";

/**
 * Why the authenticated agent may start nothing now (a run, a plan): stopped by its own state or
 * a kill switch, or calling from an environment other than its own. Null when it may go on.
 */
export function stoppedAgentCode(identity: AgentIdentity, req: IncomingMessage): ReasonCode | null {
  const state = agentStateDenial(identity.snapshot, identity.agentId);
  if (state) return state;
  const header = req.headers[ENVIRONMENT_HEADER];
  const mismatch = environmentMismatch(identity.snapshot, identity.agentId, {
    bodyEnvironment: null,
    headerEnvironment: typeof header === "string" ? header : null,
    tokenEnvironmentId: identity.tokenEnvironmentId,
  });
  return mismatch ? "ENVIRONMENT_MISMATCH" : null;
}

/** The runtime API's refusal of a whole call: 403 with the decide reason code and its sentence. */
export function sendRefusal(res: ServerResponse, code: ReasonCode): void {
  sendJson(res, 403, { error: { code, message: REASON_CODES[code].message } });
}
