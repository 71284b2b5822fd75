// The filter controls of the list pages (runs, agents, approvals): a labelled select whose empty
// option means "no filter", and a checkbox toggle. The label is visually hidden but names the
// control, so e2e specs and screen readers find it by that label.
import { cx } from "./cx";
import { controlClass } from "./field";

export function FilterSelect({
  id: idProp,
  label,
  allLabel,
  value,
  onChange,
  options,
}: {
  /** Defaults to `filter-<label>`; pass one when two lists on a page could share a label. */
  id?: string;
  label: string;
  allLabel: string;
  value: string;
  onChange: (value: string | undefined) => void;
  options: readonly { value: string; label: string }[];
}) {
  const id = idProp ?? `filter-${label.toLowerCase()}`;
  return (
    <div>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value || undefined)}
        className={cx(controlClass, "w-auto min-w-[9rem] pr-8", value && "ring-brand-500/60 bg-brand-50/40")}
      >
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterToggle({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label
      htmlFor={id}
      className={cx(
        "inline-flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm ring-1 ring-inset",
        checked
          ? "bg-brand-50/60 text-brand-800 ring-brand-500/60"
          : "bg-white text-slate-700 ring-slate-300",
      )}
    >
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className="size-4 rounded border-slate-300"
      />
      {label}
    </label>
  );
}
