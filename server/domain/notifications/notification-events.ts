// What a notification channel can be told about, and the JSON every delivery carries (built once,
// when the delivery is written to the outbox, from the approval as stored: action parameters are
// whatever the approval holds, already redacted by the org's rules).

export const NOTIFICATION_EVENTS = ["approval.requested", "approval.decided"] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** The event of a "send test" delivery (no approval behind it). */
export const TEST_EVENT = "test";

export const EVENT_LABELS: Record<NotificationEvent, string> = {
  "approval.requested": "An agent asks for approval",
  "approval.decided": "An approval is decided",
};

export type ApprovalEventPayload = {
  event: NotificationEvent | typeof TEST_EVENT;
  org: { slug: string; name: string };
  agent: { id: string; name: string } | null;
  environment: { name: string; isProduction: boolean } | null;
  approval: {
    id: string;
    status: string;
    effect: string | null;
    ruleReason: string;
    action: unknown;
    requiredApprovers: number;
    expiresAt: string;
    createdAt: string;
    decidedAt: string | null;
  } | null;
  /** Who voted, for approval.decided (e-mails and comments, never secrets). */
  votes: { vote: string; by: string; comment: string; at: string }[];
  /** When the event happened (ISO). */
  at: string;
};
