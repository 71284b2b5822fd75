"use client";

import { CopyButton } from "@/components/ui/copy-button";

/**
 * The one time a credential's secret is visible. The secret lives only in the state of the
 * dialog that shows it; closing the dialog drops it for good.
 */
export function SecretReveal({ secret, agentName }: { secret: string; agentName: string }) {
  return (
    <div className="space-y-3">
      <div
        role="alert"
        className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-600/30"
      >
        <p className="font-semibold">Copy this secret now — you won&apos;t see it again.</p>
        <p className="mt-0.5">
          Warden keeps only a hash of it. Store it in your secret manager for{" "}
          <span className="font-mono">{agentName}</span>; if it is lost, rotate the credential.
        </p>
      </div>
      <div className="flex items-stretch gap-2">
        <label htmlFor="issued-secret" className="sr-only">
          Secret
        </label>
        <input
          id="issued-secret"
          readOnly
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-emerald-200 ring-1 ring-slate-700"
          spellCheck={false}
          autoComplete="off"
        />
        <CopyButton value={secret} label="Copy secret" variant="primary" size="md" />
      </div>
    </div>
  );
}
