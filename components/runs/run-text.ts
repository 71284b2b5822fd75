// Sentences about runs for people who do not read JSON.

const TRIGGER_WORDS: Record<string, string> = {
  ticket: "Ticket",
  webhook: "Webhook",
  user: "Request from a person",
  schedule: "Schedule",
  other: "Started",
};

export function describeTrigger(trigger: unknown): string {
  if (trigger === null || typeof trigger !== "object") return "Run (no trigger recorded)";
  const t = trigger as { kind?: unknown; ref?: unknown };
  const kind = typeof t.kind === "string" ? (TRIGGER_WORDS[t.kind] ?? t.kind) : "Run";
  return typeof t.ref === "string" && t.ref ? `${kind} ${t.ref}` : kind;
}

export function formatDuration(start: Date, end: Date): string {
  const ms = Math.max(0, end.getTime() - start.getTime());
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}
