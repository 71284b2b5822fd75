import type { ApprovalEventPayload } from "./notification-events";

// A Slack incoming-webhook message: `text` (the notification and fallback) and `blocks` (the
// rich layout). Slack's mrkdwn treats &, < and > specially; they are escaped in every value that
// came from an agent, so an action cannot inject links or mentions.

type SlackBlock =
  | { type: "section"; text: { type: "mrkdwn"; text: string } }
  | { type: "context"; elements: { type: "mrkdwn"; text: string }[] };

export type SlackMessage = { text: string; blocks: SlackBlock[] };

const MAX_PARAMS_CHARS = 1500;

export function escapeSlack(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function actionParts(action: unknown): { what: string; params: string | null } {
  const a = (typeof action === "object" && action !== null ? action : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const operation = [str(a.tool), str(a.operation)].filter(Boolean).join(":") || "an action";
  const resource = str(a.resource);
  let params: string | null = null;
  if (a.params !== undefined && a.params !== null) {
    const json = JSON.stringify(a.params, null, 1);
    params = json.length > MAX_PARAMS_CHARS ? `${json.slice(0, MAX_PARAMS_CHARS)}…` : json;
  }
  return { what: resource ? `${operation} on ${resource}` : operation, params };
}

const DECIDED_WORDS: Record<string, string> = {
  APPROVED: "approved",
  CONSUMED: "approved",
  DENIED: "denied",
  EXPIRED: "expired without a decision",
  CANCELLED: "cancelled",
};

export function formatSlackMessage(payload: ApprovalEventPayload, consoleUrl: string | null): SlackMessage {
  if (!payload.approval || !payload.agent) {
    const text = `Test message from Warden (${escapeSlack(payload.org.name)}): this channel works.`;
    return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
  }
  const { approval, agent } = payload;
  const env = payload.environment
    ? `${escapeSlack(payload.environment.name)}${payload.environment.isProduction ? " (production)" : ""}`
    : "unknown environment";
  const { what, params } = actionParts(approval.action);
  const subject = `*${escapeSlack(agent.name)}* wants to \`${escapeSlack(what)}\` in ${env}`;
  const link = consoleUrl
    ? ` <${consoleUrl}/approvals?id=${encodeURIComponent(approval.id)}|Open in Warden>`
    : "";

  let text: string;
  if (payload.event === "approval.requested") {
    const approvers =
      approval.requiredApprovers > 1 ? ` (${approval.requiredApprovers} approvers needed)` : "";
    text = `Approval needed${approvers}: ${subject}.${link}`;
  } else {
    const word = DECIDED_WORDS[approval.status] ?? approval.status.toLowerCase();
    const by = payload.votes.map((v) => escapeSlack(v.by)).join(", ");
    text = `Approval ${word}${by ? ` by ${by}` : ""}: ${subject}.${link}`;
  }

  const blocks: SlackBlock[] = [{ type: "section", text: { type: "mrkdwn", text } }];
  if (payload.event === "approval.requested") {
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: `*Why:* ${escapeSlack(approval.ruleReason)}` },
    });
  }
  if (params) {
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: `*Parameters:*\n\`\`\`${escapeSlack(params)}\`\`\`` },
    });
  }
  const comments = payload.votes
    .filter((v) => v.comment)
    .map((v) => `${escapeSlack(v.by)}: “${escapeSlack(v.comment)}”`);
  const context = [
    `Effect: ${escapeSlack(approval.effect ?? "unknown")}`,
    payload.event === "approval.requested"
      ? `Expires: ${approval.expiresAt}`
      : `Decided: ${approval.decidedAt ?? "—"}`,
    `Approval ${approval.id}`,
    ...comments,
  ];
  blocks.push({ type: "context", elements: context.map((t) => ({ type: "mrkdwn", text: t })) });
  return { text, blocks };
}
