import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import { approvalView, type ApprovalView } from "../../domain/approvals/approval-view";
import { AppError } from "../../domain/errors";
import type { AgentAuthenticator } from "../auth/authenticate-agent";
import { sendJson } from "../http-util";
import { fromStore, isId, sendFailure } from "../routing/runtime-http";
import { findApproval } from "./approval-store";
import type { ApprovalWatcher } from "./approval-watcher";

export const MAX_APPROVAL_WAIT_SECONDS = 30;

export type ApprovalDeps = {
  pool: pg.Pool;
  auth: AgentAuthenticator;
  watcher: ApprovalWatcher;
  /** How often a waiting reader re-reads the approval even without a notification. */
  recheckMs?: number;
};

const DEFAULT_RECHECK_MS = 2_000;

const approvalNotFound = () => new AppError("NOT_FOUND", "There is no such approval for this agent.");

function waitSeconds(url: string): number {
  const query = new URLSearchParams(url.includes("?") ? url.slice(url.indexOf("?") + 1) : "");
  let wait = 0;
  for (const [key, value] of query) {
    if (key !== "wait") {
      throw new AppError(
        "INVALID_REQUEST",
        `Unknown query parameter "${key.slice(0, 40)}": only "wait" is accepted.`,
      );
    }
    if (!/^\d{1,2}$/.test(value) || Number(value) > MAX_APPROVAL_WAIT_SECONDS) {
      throw new AppError(
        "INVALID_REQUEST",
        `wait must be a whole number of seconds from 0 to ${MAX_APPROVAL_WAIT_SECONDS}.`,
        { issues: [{ path: "wait", message: `must be 0–${MAX_APPROVAL_WAIT_SECONDS}` }] },
      );
    }
    wait = Number(value);
  }
  return wait;
}

/**
 * GET /api/approvals/{id}?wait=N: the state of one of the calling agent's approvals (another
 * agent's reads as unknown: 404). With `wait`, the answer comes as soon as the approval is no
 * longer PENDING, or after N seconds with its state then. Waking comes from a LISTEN on
 * `warden_approval`, with a periodic re-read as the safety net and a timer for the expiry.
 */
export async function handleGetApproval(
  req: IncomingMessage,
  res: ServerResponse,
  deps: ApprovalDeps,
  approvalId: string | undefined,
): Promise<void> {
  try {
    const identity = await deps.auth.authenticate(req.headers.authorization);
    if (!isId("apr", approvalId)) throw approvalNotFound();
    const wait = waitSeconds(req.url ?? "");
    const read = async (): Promise<ApprovalView> => {
      const row = await fromStore(() => findApproval(deps.pool, identity.orgId, approvalId));
      if (!row || row.agentId !== identity.agentId) throw approvalNotFound();
      return approvalView(row, new Date());
    };
    if (wait === 0) return sendJson(res, 200, await read());

    const deadline = performance.now() + wait * 1000;
    let gone = false;
    let wakeOnClose: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => {
      wakeOnClose = resolve;
    });
    res.once("close", () => {
      if (!res.writableEnded) gone = true;
      wakeOnClose();
    });
    const listening = await deps.watcher.listening();
    const recheckMs = deps.recheckMs ?? (listening ? DEFAULT_RECHECK_MS : DEFAULT_RECHECK_MS / 4);
    for (;;) {
      const subscription = deps.watcher.subscribe(approvalId);
      let view: ApprovalView;
      try {
        view = await read();
      } catch (error) {
        subscription.cancel();
        throw error;
      }
      const remaining = deadline - performance.now();
      if (view.status !== "PENDING" || remaining <= 0 || gone) {
        subscription.cancel();
        if (!gone) sendJson(res, 200, view);
        return;
      }
      const untilExpiry = Math.max(0, Date.parse(view.expiresAt) - Date.now()) + 20;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        subscription.changed,
        closed,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, Math.min(remaining, recheckMs, untilExpiry));
        }),
      ]);
      clearTimeout(timer);
      subscription.cancel();
      if (gone) return;
      // Shutting down: answer with the state last read rather than race the pool's end.
      if (deps.watcher.isClosed) return sendJson(res, 200, view);
    }
  } catch (error) {
    sendFailure(res, error);
  }
}
