import { Badge } from "@/components/ui/badge";
import { autonomyExplanation, autonomyLabel } from "./autonomy";

export type AgentStatus = "ACTIVE" | "PAUSED" | "DECOMMISSIONED";

const STATUS: Record<AgentStatus, { tone: "green" | "amber" | "gray"; label: string; dot: string }> = {
  ACTIVE: { tone: "green", label: "Active", dot: "bg-emerald-500" },
  PAUSED: { tone: "amber", label: "Paused", dot: "bg-amber-500" },
  DECOMMISSIONED: { tone: "gray", label: "Decommissioned", dot: "bg-slate-400" },
};

export function AgentStatusBadge({ status, title }: { status: AgentStatus; title?: string }) {
  const s = STATUS[status];
  return (
    <Badge tone={s.tone} title={title}>
      <span aria-hidden className={`size-1.5 rounded-full ${s.dot}`} />
      {s.label}
    </Badge>
  );
}

/** Production environments stand out (red), so that nobody mistakes a prod agent for a dev one. */
export function EnvironmentBadge({
  name,
  isProduction,
  frozen,
}: {
  name: string;
  isProduction: boolean;
  frozen?: boolean;
}) {
  return (
    <span className="inline-flex items-center gap-1">
      <Badge
        tone={isProduction ? "red" : "gray"}
        title={isProduction ? `${name} is a production environment` : undefined}
      >
        <span className="max-w-[10rem] truncate font-mono">{name}</span>
        {isProduction && name.toLowerCase() !== "prod" && name.toLowerCase() !== "production" && (
          <span className="font-sans">· prod</span>
        )}
      </Badge>
      {frozen && (
        <Badge tone="violet" title="Every action in this environment is denied until it is unfrozen.">
          Frozen
        </Badge>
      )}
    </span>
  );
}

export function AutonomyBadge({ level }: { level: number }) {
  const tone = level === 0 ? "gray" : level === 3 ? "violet" : "blue";
  return (
    <Badge tone={tone} title={autonomyExplanation(level)}>
      {autonomyLabel(level)}
    </Badge>
  );
}
