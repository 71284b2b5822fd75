export type MetricUnit = "score" | "points" | "ratio" | "count" | "percent" | "perRun" | "centsPerHour";

/** A metric's value in words people read at a glance. */
export function formatMetricValue(value: number | null, unit: MetricUnit): string {
  if (value === null) return "—";
  switch (unit) {
    case "score":
      return value.toFixed(2);
    case "points":
      return `${value >= 0 ? "+" : ""}${(value * 100).toFixed(1)} pts`;
    case "ratio":
      // Spending from a baseline of nothing gives huge ratios: "×840K" reads, "×840000.0" does not.
      return value >= 100
        ? `×${new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 0 }).format(value)}`
        : `×${value.toFixed(1)}`;
    case "percent":
      return `${(value * 100).toFixed(1)}%`;
    default:
      return value.toLocaleString();
  }
}

/** The baseline and current figures behind a rate or ratio. */
export function formatSide(value: number | null, metric: string): string {
  if (value === null) return "—";
  if (metric === "denyRateChange" || metric === "approvalRateChange") return `${(value * 100).toFixed(1)}%`;
  if (metric === "spendVelocityRatio") return `$${(value / 100).toFixed(2)}/h`;
  if (metric === "callsPerRunRatio") return `${value.toFixed(1)} calls/run`;
  return value.toFixed(2);
}
