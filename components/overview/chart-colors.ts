// One palette for every chart, so "denied" is the same red everywhere.
export const CHART_COLORS = {
  allowed: "#10b981",
  approval: "#f59e0b",
  denied: "#ef4444",
  baseline: "#94a3b8",
  current: "#6366f1",
  grid: "#e2e8f0",
  axis: "#64748b",
} as const;

export const timeOfDay = (date: Date) =>
  date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });

export const compactNumber = (n: number) =>
  new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 }).format(n);
