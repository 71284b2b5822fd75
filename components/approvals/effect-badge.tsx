import { Badge, type Tone } from "@/components/ui/badge";

type Effect = "READ" | "WRITE" | "DELETE" | "SPEND" | "ADMIN";

const EFFECTS: Record<Effect, { tone: Tone; label: string; meaning: string }> = {
  READ: { tone: "gray", label: "Read", meaning: "Reads data; changes nothing." },
  WRITE: { tone: "blue", label: "Write", meaning: "Creates or changes data." },
  DELETE: { tone: "red", label: "Delete", meaning: "Deletes data; may not be undoable." },
  SPEND: { tone: "amber", label: "Spend", meaning: "Spends money." },
  ADMIN: { tone: "violet", label: "Admin", meaning: "Changes settings or permissions." },
};

/** The effect class of an action (or "Plan" for a plan envelope), with its meaning on hover. */
export function EffectBadge({ effect, plan }: { effect?: Effect; plan?: boolean }) {
  if (plan || !effect) {
    return (
      <Badge tone="violet" title="A list of actions approved once, within a budget">
        Plan
      </Badge>
    );
  }
  const e = EFFECTS[effect];
  return (
    <Badge tone={e.tone} title={e.meaning}>
      {e.label}
    </Badge>
  );
}
