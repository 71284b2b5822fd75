import { formatRelative } from "@/components/ui/relative-time";

type Approval = "never" | "always" | { when: unknown };

export function approvalSentence(approval: Approval): string {
  if (approval === "never") return "No approval needed by this grant";
  if (approval === "always") return "Always needs approval";
  return "Needs approval when the parameters match a rule";
}

export function approversSentence(approvers: number): string {
  if (approvers <= 1) return "1 approver";
  if (approvers === 2) return "2 approvers (two-person rule)";
  return `${approvers} approvers`;
}

export function durationSentence(seconds: number): string {
  if (seconds % 86_400 === 0) return seconds === 86_400 ? "24 hours" : `${seconds / 86_400} days`;
  if (seconds % 3600 === 0) return seconds === 3600 ? "1 hour" : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? "1 minute" : `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

export function expirySentence(expiresAt: Date | null, expired: boolean): string | null {
  if (!expiresAt) return null;
  return expired ? `expired ${formatRelative(expiresAt)}` : `expires ${formatRelative(expiresAt)}`;
}
