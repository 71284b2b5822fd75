import http from "node:http";
import https from "node:https";
import { formatSlackMessage } from "./format-slack-message";
import type { ApprovalEventPayload } from "./notification-events";
import { SIGNATURE_HEADER, signatureHeader } from "./sign-webhook";
import { guardedLookup, literalHostProblem, PrivateAddressError } from "./webhook-address-guard";

export type OutgoingDelivery = {
  id: string;
  event: string;
  payload: ApprovalEventPayload;
  channel: { kind: "SLACK" | "WEBHOOK"; url: string; signingSecret: string | null };
};

export type SendResult = { ok: true } | { ok: false; error: string };

/** The exact request a channel receives (also what the tests check). */
export function buildRequest(delivery: OutgoingDelivery, now: Date, consoleUrl: string | null) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "Warden-Notifications/1",
  };
  if (delivery.channel.kind === "SLACK") {
    return { headers, body: JSON.stringify(formatSlackMessage(delivery.payload, consoleUrl)) };
  }
  const body = JSON.stringify({ id: delivery.id, type: delivery.event, ...delivery.payload });
  headers["warden-event"] = delivery.event;
  // Receivers de-duplicate retries by this id.
  headers["warden-delivery"] = delivery.id;
  if (delivery.channel.signingSecret) {
    headers[SIGNATURE_HEADER.toLowerCase()] = signatureHeader(
      delivery.channel.signingSecret,
      body,
      Math.floor(now.getTime() / 1000),
    );
  }
  return { headers, body };
}

/**
 * POST one delivery with a hard timeout. Any answer outside 2xx, a redirect, a refused connection
 * or a timeout is a failure, described in a short sentence for the settings page. Private and
 * internal receivers are refused (webhook-address-guard.ts), checked on the addresses actually
 * connected to.
 */
export async function sendNotification(
  delivery: OutgoingDelivery,
  options: { timeoutMs: number; consoleUrl: string | null; now?: Date },
): Promise<SendResult> {
  const { headers, body } = buildRequest(delivery, options.now ?? new Date(), options.consoleUrl);
  let url: URL;
  try {
    url = new URL(delivery.channel.url);
  } catch {
    return { ok: false, error: "The channel's URL is not valid." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, error: "Only http:// and https:// URLs can be used." };
  }
  const literal = literalHostProblem(url.hostname);
  if (literal) return { ok: false, error: literal };
  try {
    const status = await post(url, headers, body, options.timeoutMs);
    if (status >= 200 && status < 300) return { ok: true };
    return { ok: false, error: `The receiver answered HTTP ${status}.` };
  } catch (error) {
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
      return { ok: false, error: `No answer within ${options.timeoutMs / 1000} s.` };
    }
    if (error instanceof PrivateAddressError) return { ok: false, error: `Not sent: ${error.message}.` };
    const cause = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `Could not reach the receiver (${cause.slice(0, 200)}).` };
  }
}

/** One POST through node:http(s) with the guarded lookup; answers the status. Never follows redirects. */
function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> {
  const request = url.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup,
        // A fresh connection per delivery: a pooled socket would skip the lookup (and its check).
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        // The answer's body is not needed; dropping it frees the connection.
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", (error) => {
      // An aborted request reports AbortError with the timeout as its cause.
      reject(error.cause instanceof Error && error.cause.name === "TimeoutError" ? error.cause : error);
    });
    req.end(body);
  });
}
