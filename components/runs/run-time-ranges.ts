// The runs list's time filter, a preset in the URL (`range=24h`) so a view can be shared; the
// server turns it into an instant (server/domain/runs/list-runs.ts), keeping the query key stable.
export const RUN_TIME_RANGES = [
  { value: "1h", label: "Last hour" },
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
] as const;

export type RunTimeRange = (typeof RUN_TIME_RANGES)[number]["value"];

export const isRange = (value: string | null): value is RunTimeRange =>
  RUN_TIME_RANGES.some((r) => r.value === value);
