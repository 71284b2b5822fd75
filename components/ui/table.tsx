import { cx } from "./cx";

export function Table({ children, className }: { children: React.ReactNode; className?: string }) {
  return (
    <div className={cx("overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200", className)}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">{children}</table>
    </div>
  );
}

/** `dense` cells (px-3) for wide tables that must fit without scrolling. */
export function Th({
  children,
  className,
  dense,
}: {
  children?: React.ReactNode;
  className?: string;
  dense?: boolean;
}) {
  return (
    <th
      scope="col"
      className={cx(
        "bg-slate-50 py-2.5 text-left whitespace-nowrap",
        dense ? "px-3" : "px-4",
        "text-xs font-semibold uppercase tracking-wide text-slate-500",
        className,
      )}
    >
      {children}
    </th>
  );
}

export function Td({
  children,
  className,
  dense,
}: {
  children?: React.ReactNode;
  className?: string;
  dense?: boolean;
}) {
  return (
    <td className={cx("py-3 align-top text-slate-700", dense ? "px-3" : "px-4", className)}>{children}</td>
  );
}
