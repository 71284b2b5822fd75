export type QuotaMetric = "calls" | "writes" | "spendCents" | "tokens";
export type QuotaWindow = "run" | "hour" | "day";

export const METRICS: { value: QuotaMetric; label: string; description: string }[] = [
  { value: "calls", label: "Calls", description: "Every decision request." },
  { value: "writes", label: "Writes", description: "Calls to operations that are not READ." },
  { value: "spendCents", label: "Spend", description: "Money the agent reports spending, in cents." },
  { value: "tokens", label: "Model tokens", description: "Tokens the agent reports using." },
];

export const WINDOWS: { value: QuotaWindow; label: string }[] = [
  { value: "run", label: "per run" },
  { value: "hour", label: "per hour" },
  { value: "day", label: "per day" },
];

const number = new Intl.NumberFormat("en");
const money = new Intl.NumberFormat("en", { style: "currency", currency: "USD" });

export function formatAmount(metric: QuotaMetric, value: number): string {
  return metric === "spendCents" ? money.format(value / 100) : number.format(value);
}

export const metricLabel = (m: QuotaMetric) => METRICS.find((x) => x.value === m)?.label ?? m;
export const windowLabel = (w: QuotaWindow) => WINDOWS.find((x) => x.value === w)?.label ?? w;
