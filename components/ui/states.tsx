import { cx } from "./cx";

export function EmptyState({
  title,
  description,
  action,
}: {
  title: string;
  description?: React.ReactNode;
  action?: React.ReactNode;
}) {
  return (
    <div className="flex flex-col items-center justify-center rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      <p className="text-sm font-semibold text-slate-900">{title}</p>
      {description && <p className="mt-1 max-w-md text-sm text-slate-500">{description}</p>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}

export function Loading({ label = "Loading…", className }: { label?: string; className?: string }) {
  return (
    <div role="status" className={cx("flex items-center gap-2 py-8 text-sm text-slate-500", className)}>
      <span
        className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600"
        aria-hidden
      />
      {label}
    </div>
  );
}

export function ErrorNotice({
  title = "Something went wrong",
  message,
}: {
  title?: string;
  message: string;
}) {
  return (
    <div
      role="alert"
      className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-inset ring-red-600/20"
    >
      <p className="font-medium">{title}</p>
      <p className="mt-0.5">{message}</p>
    </div>
  );
}

export function Notice({
  tone = "info",
  children,
}: {
  tone?: "info" | "warning" | "success";
  children: React.ReactNode;
}) {
  const tones = {
    info: "bg-brand-50 text-brand-700 ring-brand-600/20",
    warning: "bg-amber-50 text-amber-900 ring-amber-600/20",
    success: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  };
  return <div className={cx("rounded-md px-4 py-3 text-sm ring-1 ring-inset", tones[tone])}>{children}</div>;
}
