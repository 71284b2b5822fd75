import { WardenApiError } from "./errors";
import { guardTool, type GuardOptions, type GuardedAction } from "./guard";
import type {
  ApprovalState,
  DecideRequest,
  DecideResponse,
  EndRunRequest,
  EndRunResponse,
  ErrorCode,
  OutcomeReport,
  OutcomeResponse,
  PlanState,
  StartRunRequest,
  SubmitPlanRequest,
  SubmitPlanResponse,
  StartRunResponse,
  TokenResponse,
} from "./types";

export type WardenClientOptions = {
  /** Where Warden runs, e.g. `https://warden.acme.internal`. */
  baseUrl: string;
  /** The agent's credential (`wdn_…`). It is the agent's identity; keep it in a secret manager. */
  credential: string;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /**
   * Send short-lived tokens (from POST /api/token) instead of the credential on every call,
   * renewed before they expire. Calling `exchangeToken()` switches this on too.
   */
  useToken?: boolean;
  /** Renew a token this long before it expires (default 60 s). */
  tokenRefreshMarginMs?: number;
};

const MAX_WAIT_SECONDS = 30;
const DEFAULT_APPROVAL_TIMEOUT_MS = 10 * 60_000;

type Method = "GET" | "POST";

/** A typed client of Warden's runtime API. No dependencies beyond fetch and WebCrypto. */
export class WardenClient {
  private readonly baseUrl: string;
  private readonly credential: string;
  private readonly fetch: typeof fetch;
  private readonly refreshMarginMs: number;
  private useToken: boolean;
  private token: { value: string; expiresAtMs: number } | null = null;
  private exchanging: Promise<TokenResponse> | null = null;

  constructor(options: WardenClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.credential = options.credential;
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.useToken = options.useToken ?? false;
    this.refreshMarginMs = options.tokenRefreshMarginMs ?? 60_000;
  }

  /** Start a run; pass its `runId` to `decide` (and `guard`) so the work is grouped and reported. */
  startRun(request: StartRunRequest = {}): Promise<StartRunResponse> {
    return this.call("POST", "/api/runs", request);
  }

  endRun(runId: string, request: EndRunRequest): Promise<EndRunResponse> {
    return this.call("POST", `/api/runs/${encodeURIComponent(runId)}/end`, request);
  }

  /** Ask before a tool call. A deny is an answer, not an error: check `decision`. */
  decide(request: DecideRequest): Promise<DecideResponse> {
    return this.call("POST", "/api/decide", request);
  }

  /** Report what happened after an allowed decision made inside a run (once per decision). */
  reportOutcome(decisionId: string, report: OutcomeReport): Promise<OutcomeResponse> {
    return this.call("POST", `/api/decisions/${encodeURIComponent(decisionId)}/outcome`, report);
  }

  /** An approval's state; with `wait` (≤ 30 s) the server answers as soon as it is decided. */
  getApproval(
    approvalId: string,
    options: { wait?: number; signal?: AbortSignal } = {},
  ): Promise<ApprovalState> {
    const wait = Math.max(0, Math.min(MAX_WAIT_SECONDS, Math.floor(options.wait ?? 0)));
    const query = wait > 0 ? `?wait=${wait}` : "";
    return this.call(
      "GET",
      `/api/approvals/${encodeURIComponent(approvalId)}${query}`,
      undefined,
      options.signal,
    );
  }

  /**
   * Submit a plan ("plan, then execute"): the actions the agent intends to take and a budget, to be
   * approved once. Wait with `waitForApproval(answer.approval.id)`; once approved, `decide` calls
   * matching a step answer `PLAN_APPROVED` (until the budget or the plan's time runs out).
   */
  submitPlan(request: SubmitPlanRequest): Promise<SubmitPlanResponse> {
    return this.call("POST", "/api/plans", request);
  }

  /** A plan's state, budget and how much of it was used. */
  getPlan(planId: string): Promise<PlanState> {
    return this.call("GET", `/api/plans/${encodeURIComponent(planId)}`);
  }

  /**
   * Give up a pending or approved plan: from then on matching calls are evaluated as usual (and may
   * need approval again). Cancelling a cancelled plan answers its state again.
   */
  cancelPlan(planId: string): Promise<PlanState> {
    return this.call("POST", `/api/plans/${encodeURIComponent(planId)}/cancel`, {});
  }

  /**
   * Wait until an approval is no longer PENDING (or `timeoutMs` passes: then the pending state is
   * returned). Long-polls in steps of up to 30 s; a store outage or a lost connection is retried.
   */
  async waitForApproval(
    approvalId: string,
    options: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<ApprovalState> {
    const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS);
    for (;;) {
      const remainingSeconds = Math.floor((deadline - Date.now()) / 1000);
      let state: ApprovalState;
      try {
        state = await this.getApproval(approvalId, { wait: remainingSeconds, signal: options.signal });
      } catch (error) {
        if (!(error instanceof WardenApiError) || !error.retryable || Date.now() >= deadline) throw error;
        options.signal?.throwIfAborted();
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(1_000, Math.max(0, deadline - Date.now()))),
        );
        continue;
      }
      if (state.status !== "PENDING" || remainingSeconds <= 0 || Date.now() >= deadline) return state;
    }
  }

  /**
   * Exchange the credential for a short-lived JWT and use tokens from now on (renewed before
   * they expire). The credential still renews them, so keep it.
   */
  async exchangeToken(options: { audience?: string; ttlSeconds?: number } = {}): Promise<TokenResponse> {
    this.useToken = true;
    this.exchanging ??= (async () => {
      try {
        const answer = await this.send<TokenResponse>("POST", "/api/token", options, this.credential);
        this.token = { value: answer.token, expiresAtMs: Date.parse(answer.expiresAt) };
        return answer;
      } finally {
        this.exchanging = null;
      }
    })();
    return this.exchanging;
  }

  /**
   * Wrap a tool function: every call asks Warden first (waiting for an approval when one is
   * required), runs the tool only when allowed, and reports the outcome (a digest of the result,
   * or the error, which is rethrown). A refusal throws `WardenDeniedError` with the reason code.
   */
  guard<A extends unknown[], R>(
    tool: (...args: A) => R | Promise<R>,
    describe: (...args: A) => GuardedAction,
    options: GuardOptions<A, Awaited<R>> = {},
  ): (...args: A) => Promise<Awaited<R>> {
    return guardTool(this, tool, describe, options);
  }

  private async call<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    if (!this.useToken) return this.send<T>(method, path, body, this.credential, signal);
    const bearer = await this.currentToken();
    try {
      return await this.send<T>(method, path, body, bearer, signal);
    } catch (error) {
      // A token refused (keys rotated, clock skew): nothing was done, so renew once and retry.
      if (!(error instanceof WardenApiError) || error.status !== 401) throw error;
      this.token = null;
      return this.send<T>(method, path, body, await this.currentToken(), signal);
    }
  }

  private async currentToken(): Promise<string> {
    if (!this.token || Date.now() >= this.token.expiresAtMs - this.refreshMarginMs)
      await this.exchangeToken();
    return this.token!.value;
  }

  private async send<T>(
    method: Method,
    path: string,
    body: unknown,
    bearer: string,
    signal?: AbortSignal,
  ): Promise<T> {
    let response: Response;
    try {
      response = await this.fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${bearer}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new WardenApiError(0, "NETWORK_ERROR", `Warden could not be reached at ${this.baseUrl}.`, [], {
        cause: error,
      });
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (response.ok && parsed !== undefined) return parsed as T;
    const error = (parsed as { error?: { code?: string; message?: string; issues?: [] } } | undefined)?.error;
    throw new WardenApiError(
      response.status,
      (error?.code ?? (response.status >= 500 ? "INTERNAL" : "INVALID_REQUEST")) as ErrorCode,
      error?.message ?? `Warden answered ${response.status} to ${method} ${path}.`,
      error?.issues ?? [],
    );
  }
}
