import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { formatMetricValue, formatSide, type MetricUnit } from "./format-metric";

export type DriftMetricView = {
  metric: string;
  label: string;
  explanation: string;
  value: number | null;
  threshold: number;
  baseline: number | null;
  current: number | null;
  breached: boolean;
  unit: MetricUnit;
  items?: string[];
};

/** One drift metric: its value against the threshold, and one sentence saying what it means. */
export function MetricCard({ m }: { m: DriftMetricView }) {
  return (
    <div
      className={cx(
        "rounded-lg bg-white p-4 shadow-sm ring-1",
        m.breached ? "ring-2 ring-red-300" : "ring-slate-200",
      )}
      data-testid={`drift-metric-${m.metric}`}
    >
      <div className="flex items-start justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-800">{m.label}</h3>
        {m.breached ? (
          <Badge tone="red">Above threshold</Badge>
        ) : m.value === null ? (
          <Badge>Not enough data</Badge>
        ) : (
          <Badge tone="green">Normal</Badge>
        )}
      </div>
      <p
        className={cx(
          "mt-2 text-2xl font-semibold tabular-nums",
          m.breached ? "text-red-700" : "text-slate-900",
        )}
      >
        {formatMetricValue(m.value, m.unit)}
      </p>
      <p className="text-xs text-slate-500">threshold {formatMetricValue(m.threshold, m.unit)}</p>
      {(m.baseline !== null || m.current !== null) && (
        <p className="mt-1 text-xs text-slate-600">
          baseline {formatSide(m.baseline, m.metric)} → now {formatSide(m.current, m.metric)}
        </p>
      )}
      {m.items && m.items.length > 0 && (
        <p className="mt-1 line-clamp-2 break-all text-xs text-slate-600" title={m.items.join(", ")}>
          {m.items.slice(0, 6).join(", ")}
          {m.items.length > 6 ? ` and ${m.items.length - 6} more` : ""}
        </p>
      )}
      <p className="mt-2 text-xs leading-relaxed text-slate-500">{m.explanation}</p>
    </div>
  );
}
