import { Badge, type Tone } from "@/components/ui/badge";

export type Effect = "READ" | "WRITE" | "DELETE" | "SPEND" | "ADMIN";

export const EFFECTS: { effect: Effect; tone: Tone; description: string }[] = [
  { effect: "READ", tone: "green", description: "Reads data; changes nothing." },
  { effect: "WRITE", tone: "blue", description: "Creates or changes something." },
  { effect: "DELETE", tone: "red", description: "Removes something; may be irreversible." },
  { effect: "SPEND", tone: "amber", description: "Spends money." },
  { effect: "ADMIN", tone: "violet", description: "Changes permissions, settings or access." },
];

export function EffectBadge({ effect }: { effect: Effect }) {
  const found = EFFECTS.find((e) => e.effect === effect);
  return (
    <Badge
      tone={found?.tone ?? "gray"}
      title={found?.description}
      className="font-mono text-[11px] tracking-wide"
    >
      {effect}
    </Badge>
  );
}
