import { resultDigest } from "./digest";
import { WardenApprovalTimeoutError, WardenDeniedError } from "./errors";
import type { WardenClient } from "./client";
import type { DecideRequest, DecideResponse, SideEffect } from "./types";

/** The action a guarded call will take. Give `runId` to have outcomes reported. */
export type GuardedAction = Omit<DecideRequest, "approvalId">;

export type GuardOptions<A extends unknown[], R> = {
  /** How long to wait for a person to approve (default 10 minutes). */
  approvalTimeoutMs?: number;
  /** Called when the action needs approval, before waiting (e.g. to tell the user). */
  onApprovalRequired?: (approval: { id: string; expiresAt: string }, decision: DecideResponse) => void;
  /** The side effects a successful call caused, with links (reported with the outcome). */
  sideEffects?: (result: R, ...args: A) => SideEffect[];
  /**
   * A failed outcome report (the tool already ran). Default: a warning on the console. The call's
   * result is returned regardless: failing it would invite a retry that repeats the side effects.
   */
  onReportError?: (error: unknown) => void;
};

const warn = (error: unknown) =>
  console.warn(
    `warden: the outcome could not be reported: ${error instanceof Error ? error.message : String(error)}`,
  );

/** decide → (wait for the approval → decide again with it) → run → report. */
export function guardTool<A extends unknown[], R>(
  client: WardenClient,
  tool: (...args: A) => R | Promise<R>,
  describe: (...args: A) => GuardedAction,
  options: GuardOptions<A, Awaited<R>>,
): (...args: A) => Promise<Awaited<R>> {
  const onReportError = options.onReportError ?? warn;
  return async (...args: A): Promise<Awaited<R>> => {
    const action = describe(...args);
    const decision = await allowedDecision(client, action, options);

    let result: Awaited<R>;
    try {
      result = await tool(...args);
    } catch (error) {
      if (action.runId) {
        await client
          .reportOutcome(decision.decisionId, {
            status: "error",
            error: {
              message: (error instanceof Error ? error.message : String(error)).slice(0, 2000) || "Error",
              ...(error instanceof Error && error.name ? { code: error.name.slice(0, 100) } : {}),
            },
          })
          .catch(onReportError);
      }
      throw error;
    }
    if (action.runId) {
      try {
        const digest = await resultDigest(result);
        const sideEffects = options.sideEffects?.(result, ...args);
        await client.reportOutcome(decision.decisionId, {
          status: "success",
          ...(digest ? { resultDigest: digest } : {}),
          ...(sideEffects?.length ? { sideEffects } : {}),
        });
      } catch (error) {
        onReportError(error);
      }
    }
    return result;
  };
}

async function allowedDecision<A extends unknown[], R>(
  client: WardenClient,
  action: GuardedAction,
  options: GuardOptions<A, R>,
): Promise<DecideResponse> {
  const first = await client.decide(action);
  if (first.decision === "allow") return first;
  if (first.decision === "deny" || !first.approval) throw new WardenDeniedError(first);

  options.onApprovalRequired?.(first.approval, first);
  const state = await client.waitForApproval(first.approval.id, { timeoutMs: options.approvalTimeoutMs });
  if (state.status === "PENDING") throw new WardenApprovalTimeoutError(first, state);
  // Whatever people decided, the server has the last word (and records it): an approved action
  // is allowed once; a denied, expired or used approval comes back as a deny with its reason.
  const second = await client.decide({ ...action, approvalId: first.approval.id });
  if (second.decision === "allow") return second;
  throw new WardenDeniedError(second);
}
