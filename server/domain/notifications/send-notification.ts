import { formatSlackMessage } from "./format-slack-message";
import type { ApprovalEventPayload } from "./notification-events";
import { SIGNATURE_HEADER, signatureHeader } from "./sign-webhook";

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
 * or a timeout is a failure, described in a short sentence for the settings page.
 */
export async function sendNotification(
  delivery: OutgoingDelivery,
  options: { timeoutMs: number; consoleUrl: string | null; now?: Date },
): Promise<SendResult> {
  const { headers, body } = buildRequest(delivery, options.now ?? new Date(), options.consoleUrl);
  try {
    const response = await fetch(delivery.channel.url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    // The answer's body is not needed; dropping it frees the connection.
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true };
    return { ok: false, error: `The receiver answered HTTP ${response.status}.` };
  } catch (error) {
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
      return { ok: false, error: `No answer within ${options.timeoutMs / 1000} s.` };
    }
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    return { ok: false, error: `Could not reach the receiver (${cause.slice(0, 200)}).` };
  }
}
