import { Badge, type Tone } from "@/components/ui/badge";

const SEVERITY_TONES: Record<string, Tone> = { low: "gray", medium: "amber", high: "red", critical: "red" };
const STATUS_TONES: Record<string, Tone> = { OPEN: "red", MITIGATED: "amber", RESOLVED: "green" };
const STATUS_WORDS: Record<string, string> = { OPEN: "Open", MITIGATED: "Mitigated", RESOLVED: "Resolved" };

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <Badge
      tone={SEVERITY_TONES[severity] ?? "gray"}
      className={severity === "critical" ? "font-semibold" : ""}
    >
      {severity === "critical" ? "Critical" : severity.charAt(0).toUpperCase() + severity.slice(1)} severity
    </Badge>
  );
}

export function IncidentStatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONES[status] ?? "gray"}>{STATUS_WORDS[status] ?? status}</Badge>;
}

const OUTCOME_TONES: Record<string, Tone> = {
  allow: "green",
  deny: "red",
  require_approval: "amber",
  pending: "amber",
  approved: "green",
  consumed: "green",
  denied: "red",
  cancelled: "gray",
  expired: "gray",
  running: "blue",
  succeeded: "green",
  failed: "red",
};

const OUTCOME_WORDS: Record<string, string> = { require_approval: "needs approval" };

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <Badge tone={OUTCOME_TONES[outcome] ?? "gray"}>{OUTCOME_WORDS[outcome] ?? outcome}</Badge>;
}
