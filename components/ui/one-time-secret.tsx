"use client";

import { useId } from "react";
import { CopyButton } from "./copy-button";

/**
 * The one time a secret (an agent credential, a temporary password) is visible. It lives only in
 * the state of the dialog that shows it; closing the dialog drops it for good — Warden keeps a hash.
 */
export function OneTimeSecret({
  value,
  label,
  headline,
  children,
}: {
  value: string;
  /** Names the field and its copy button, e.g. "Secret", "Temporary password". */
  label: string;
  headline: string;
  /** What to do with it, in a sentence or two. */
  children: React.ReactNode;
}) {
  const id = useId();
  return (
    <div className="space-y-3">
      <div
        role="alert"
        className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-600/30"
      >
        <p className="font-semibold">{headline}</p>
        <p className="mt-0.5">{children}</p>
      </div>
      <div className="flex items-stretch gap-2">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-emerald-200 ring-1 ring-slate-700"
          spellCheck={false}
          autoComplete="off"
        />
        <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} variant="primary" size="md" />
      </div>
    </div>
  );
}
