import { cx } from "./cx";

/** Label/value pairs in a compact grid (details panels). `narrow` suits side cards. */
export function DescriptionList({
  items,
  className,
  narrow,
}: {
  items: { label: string; value: React.ReactNode }[];
  className?: string;
  narrow?: boolean;
}) {
  return (
    <dl
      className={cx(
        "grid grid-cols-1 gap-y-3 text-sm",
        narrow ? "gap-x-4 sm:grid-cols-[6.5rem_1fr]" : "gap-x-6 sm:grid-cols-[10rem_1fr]",
        className,
      )}
    >
      {items.map((item) => (
        <div key={item.label} className="contents">
          <dt className="text-slate-500">{item.label}</dt>
          <dd className="min-w-0 text-slate-900">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
