import { cx } from "@/components/ui/cx";
import { formatAmount, type QuotaMetric } from "./quota-labels";

/** Current usage of a quota against its limit. */
export function UsageBar({
  metric,
  used,
  limit,
  window,
}: {
  metric: QuotaMetric;
  used: number;
  limit: number;
  window: string;
}) {
  const ratio = limit > 0 ? Math.min(used / limit, 1) : used > 0 ? 1 : 0;
  const percent = Math.round(ratio * 100);
  const tone = ratio >= 1 ? "bg-red-500" : ratio >= 0.8 ? "bg-amber-500" : "bg-emerald-500";
  const label = `${formatAmount(metric, used)} of ${formatAmount(metric, limit)} used`;
  return (
    <div className="min-w-[10rem]">
      <div
        role="meter"
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={Math.min(used, limit)}
        aria-label={label}
        className="h-1.5 w-full overflow-hidden rounded-full bg-slate-100"
      >
        <div className={cx("h-full rounded-full", tone)} style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1 text-xs tabular-nums text-slate-500">
        {label}
        {window === "day" ? " today" : window === "hour" ? " this hour" : " in the current run"}
        {ratio >= 1 && <span className="ml-1 font-medium text-red-700">· exhausted</span>}
      </p>
    </div>
  );
}
