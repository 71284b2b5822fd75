import { Badge, type Tone } from "@/components/ui/badge";

export type RunStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
export type DecisionKind = "allow" | "deny" | "require_approval";

const RUN_STATUS: Record<RunStatus, { tone: Tone; label: string }> = {
  RUNNING: { tone: "blue", label: "Running" },
  SUCCEEDED: { tone: "green", label: "Succeeded" },
  FAILED: { tone: "red", label: "Failed" },
  CANCELLED: { tone: "gray", label: "Cancelled" },
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const s = RUN_STATUS[status];
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

const DECISION: Record<DecisionKind, { tone: Tone; label: string }> = {
  allow: { tone: "green", label: "Allowed" },
  deny: { tone: "red", label: "Denied" },
  require_approval: { tone: "amber", label: "Needs approval" },
};

export function DecisionBadge({ decision, title }: { decision: DecisionKind; title?: string }) {
  const d = DECISION[decision];
  return (
    <Badge tone={d.tone} title={title}>
      {d.label}
    </Badge>
  );
}

export const RUN_STATUS_OPTIONS = (Object.keys(RUN_STATUS) as RunStatus[]).map((value) => ({
  value,
  label: RUN_STATUS[value].label,
}));
