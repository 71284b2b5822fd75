"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ErrorNotice, Loading } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { errorMessage, fieldErrors } from "@/components/ui/trpc-errors";

const MAX_DAYS = 3650;

/**
 * How long stored tool payloads (decision parameters, approval details, reported results) are
 * kept. The records themselves stay — who did what, when and why — and still verify.
 */
export function RetentionPanel({ isAdmin }: { isAdmin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.redaction.retention.queryOptions());
  const [draft, setDraft] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const save = useMutation(
    trpc.redaction.setRetention.mutationOptions({
      onSuccess: async (saved) => {
        await queryClient.invalidateQueries({ queryKey: trpc.redaction.retention.queryKey() });
        setDraft(null);
        toast(
          saved.retentionDays
            ? `Payloads are now kept for ${saved.retentionDays} days.`
            : "Payloads are now kept indefinitely.",
        );
      },
    }),
  );
  if (current.isPending) return <Loading label="Loading retention…" />;
  if (current.isError)
    return <ErrorNotice title="Could not load the retention period" message={errorMessage(current.error)} />;
  const value = draft ?? current.data.retentionDays?.toString() ?? "";

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const text = value.trim();
    if (text === "") return save.mutate({ retentionDays: null });
    const days = Number(text);
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
      setLocalError(
        `Enter a whole number of days from 1 to ${MAX_DAYS}, or leave it empty to keep payloads.`,
      );
      return;
    }
    setLocalError(null);
    save.mutate({ retentionDays: days });
  }

  return (
    <form
      onSubmit={submit}
      className="max-w-2xl space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200"
    >
      <div>
        <h2 className="text-sm font-semibold text-slate-900">Stored payloads</h2>
        <p className="mt-1 text-sm text-slate-600">
          Warden stores what agents sent to tools (after each tool&rsquo;s redaction rules) and the results
          they reported. After the retention period these payloads are removed every hour. The records stay —
          who did what, when and why — and the audit trail still verifies. Each purge is recorded in the audit
          trail.
        </p>
      </div>
      {save.isError && !fieldErrors(save.error).retentionDays && (
        <ErrorNotice title="Could not save" message={errorMessage(save.error)} />
      )}
      <Field
        label="Keep payloads for (days)"
        hint={current.data.retentionDays ? undefined : "Empty: payloads are kept indefinitely."}
        error={localError ?? fieldErrors(save.error).retentionDays}
      >
        {(p) => (
          <input
            {...p}
            inputMode="numeric"
            value={value}
            onChange={(e) => setDraft(e.target.value)}
            disabled={!isAdmin}
            placeholder="e.g. 90"
            className={`${p.className} max-w-40`}
          />
        )}
      </Field>
      {isAdmin ? (
        <div className="flex justify-end">
          <Button type="submit" busy={save.isPending} disabled={draft === null}>
            Save retention
          </Button>
        </div>
      ) : (
        <p className="text-xs text-slate-500">Only admins can change the retention period.</p>
      )}
    </form>
  );
}
