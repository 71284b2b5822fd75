"use client";

import { useId } from "react";
import { cx } from "./cx";

export type RadioCardOption<T extends string | number> = {
  value: T;
  label: string;
  /** Drawn instead of `label` (which stays the accessible name through aria-label on the text). */
  labelContent?: React.ReactNode;
  description?: React.ReactNode;
  badge?: React.ReactNode;
};

/** A radio group drawn as cards, each with its plain-language explanation. */
export function RadioCards<T extends string | number>({
  legend,
  hint,
  options,
  value,
  onChange,
  columns = 2,
  error,
  disabled,
  hideLegend,
}: {
  legend: string;
  hint?: React.ReactNode;
  options: RadioCardOption<T>[];
  value: T | null;
  onChange: (value: T) => void;
  columns?: 1 | 2 | 3 | 4;
  error?: string | null;
  disabled?: boolean;
  hideLegend?: boolean;
}) {
  const id = useId();
  const grid = {
    1: "grid-cols-1",
    2: "sm:grid-cols-2",
    3: "sm:grid-cols-3",
    4: "sm:grid-cols-2 xl:grid-cols-4",
  }[columns];
  return (
    <fieldset className="space-y-2" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className={cx("text-sm font-medium text-slate-800", hideLegend && "sr-only")}>{legend}</legend>
      {hint && <p className={cx("text-xs text-slate-500", !hideLegend && "-mt-1")}>{hint}</p>}
      <div className={cx("grid gap-2", grid)}>
        {options.map((option) => {
          const checked = option.value === value;
          const optionId = `${id}-${String(option.value)}`;
          return (
            <label
              key={String(option.value)}
              className={cx(
                "relative flex cursor-pointer gap-3 rounded-lg bg-white p-3 ring-1 transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500",
                checked ? "bg-brand-50/60 ring-2 ring-brand-600" : "ring-slate-200 hover:ring-slate-300",
                disabled && "cursor-not-allowed opacity-60",
              )}
            >
              <input
                type="radio"
                name={id}
                value={String(option.value)}
                checked={checked}
                disabled={disabled}
                onChange={() => onChange(option.value)}
                aria-labelledby={option.labelContent ? undefined : `${optionId}-label`}
                aria-label={option.labelContent ? option.label : undefined}
                aria-describedby={option.description ? `${optionId}-desc` : undefined}
                className="mt-0.5 size-4 shrink-0 accent-brand-600 focus:outline-none"
              />
              <span className="min-w-0">
                <span
                  id={`${optionId}-label`}
                  className="flex items-center gap-2 text-sm font-medium text-slate-900"
                >
                  {option.labelContent ?? option.label}
                  {option.badge}
                </span>
                {option.description && (
                  <span id={`${optionId}-desc`} className="mt-0.5 block text-xs leading-5 text-slate-600">
                    {option.description}
                  </span>
                )}
              </span>
            </label>
          );
        })}
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
