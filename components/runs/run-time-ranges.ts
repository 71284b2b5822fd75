// The runs list's time filter, as a preset in the URL (`range=24h`), so a view can be shared.
export const RUN_TIME_RANGES = [
  { value: "1h", label: "Last hour", ms: 3600_000 },
  { value: "24h", label: "Last 24 hours", ms: 24 * 3600_000 },
  { value: "7d", label: "Last 7 days", ms: 7 * 24 * 3600_000 },
  { value: "30d", label: "Last 30 days", ms: 30 * 24 * 3600_000 },
] as const;

export type RunTimeRange = (typeof RUN_TIME_RANGES)[number]["value"];

export function rangeStart(range: string | null, now: number): Date | undefined {
  const found = RUN_TIME_RANGES.find((r) => r.value === range);
  return found ? new Date(now - found.ms) : undefined;
}
