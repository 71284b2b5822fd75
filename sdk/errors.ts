import type { ApprovalState, DecideResponse, ErrorCode, ReasonCode } from "./types";

/** An HTTP error answer of the runtime API (`{ error: { code, message } }`), or no answer at all. */
export class WardenApiError extends Error {
  override readonly name = "WardenApiError";

  constructor(
    /** 0 when the server could not be reached or did not answer JSON. */
    readonly status: number,
    readonly code: ErrorCode | "NETWORK_ERROR",
    message: string,
    readonly issues: { path: string; message: string }[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Worth retrying later: the store was unavailable, or the server was not reached. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 503;
  }
}

/** Warden did not allow the action (`guard()` throws it instead of running the tool). */
export class WardenDeniedError extends Error {
  override readonly name: string = "WardenDeniedError";
  readonly code: ReasonCode;
  readonly decisionId: string;
  readonly decision: DecideResponse;

  constructor(decision: DecideResponse) {
    super(`${decision.reason.code}: ${decision.reason.message}`);
    this.code = decision.reason.code;
    this.decisionId = decision.decisionId;
    this.decision = decision;
  }
}

/** The approval was still pending when `guard()` stopped waiting for it. */
export class WardenApprovalTimeoutError extends WardenDeniedError {
  override readonly name = "WardenApprovalTimeoutError";

  constructor(
    decision: DecideResponse,
    readonly approval: ApprovalState,
  ) {
    super({
      ...decision,
      reason: {
        code: "APPROVAL_PENDING",
        message: "The approval for this action has not been decided yet. Wait, then ask again.",
      },
    });
  }
}
