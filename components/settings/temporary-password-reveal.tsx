"use client";

import { useId } from "react";
import { CopyButton } from "@/components/ui/copy-button";

/**
 * The one time an invited person's temporary password is visible. It lives only in the state of
 * the dialog that shows it; closing the dialog drops it for good (Warden keeps a bcrypt hash).
 */
export function TemporaryPasswordReveal({ password, email }: { password: string; email: string }) {
  const id = useId();
  return (
    <div className="space-y-3">
      <div
        role="alert"
        className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-600/30"
      >
        <p className="font-semibold">Copy this temporary password now — it won&apos;t be shown again.</p>
        <p className="mt-0.5">
          Share it securely with <span className="break-all font-medium">{email}</span> (a password manager or
          an encrypted message, not plain e-mail or chat). Ask them to change it after their first sign-in,
          under Settings → Account.
        </p>
      </div>
      <div className="flex items-stretch gap-2">
        <label htmlFor={id} className="sr-only">
          Temporary password
        </label>
        <input
          id={id}
          readOnly
          value={password}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md bg-slate-900 px-3 py-2 font-mono text-sm text-emerald-200 ring-1 ring-slate-700"
          spellCheck={false}
          autoComplete="off"
        />
        <CopyButton value={password} label="Copy password" variant="primary" size="md" />
      </div>
    </div>
  );
}
