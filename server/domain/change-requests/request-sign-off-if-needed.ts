import type { Tx } from "../../db";
import { agentIsInProduction } from "./agent-is-in-production";
import { SIGN_OFF_MESSAGE, type ScopeChange } from "./change-request-payload";
import { requestScopeChange, type ScopeChangeRequester } from "./request-scope-change";

/** What the console tells the user when a change waits for security instead of applying. */
export type PendingSignOff = { changeRequestId: string; summary: string; message: string };

/**
 * The one gate every console scope change passes: a widening (non-empty `reasons`) of a
 * production agent becomes a change request (returned; the caller must not apply it); anything
 * else returns null and the caller applies the change at once. Call it after validation, inside the change's
 * transaction, with the agent already loaded (and authorised) by the caller.
 */
export async function requestSignOffIfNeeded(
  tx: Tx,
  input: {
    orgId: string;
    agent: { id: string; name: string };
    change: ScopeChange;
    reasons: readonly string[];
    requester: ScopeChangeRequester;
  },
): Promise<PendingSignOff | null> {
  if (input.reasons.length === 0) return null;
  if (!(await agentIsInProduction(tx, input.agent.id))) return null;
  const requested = await requestScopeChange(tx, input);
  return { changeRequestId: requested.id, summary: requested.summary, message: SIGN_OFF_MESSAGE };
}
