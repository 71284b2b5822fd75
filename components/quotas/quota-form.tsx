"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ErrorNotice, Notice } from "@/components/ui/states";
import { announceScopeChange } from "@/components/change-requests/sign-off";
import { errorMessage, fieldErrors } from "@/components/ui/trpc-errors";
import {
  formatAmount,
  METRICS,
  metricLabel,
  WINDOWS,
  windowLabel,
  type QuotaMetric,
  type QuotaWindow,
} from "./quota-labels";

export type ExistingQuota = { id: string; metric: QuotaMetric; window: QuotaWindow; limit: number };

/** Add a quota, or change the limit of one (metric × window is the quota's identity). */
export function QuotaForm({
  agentId,
  quota,
  existing,
  onDone,
}: {
  agentId: string;
  quota: ExistingQuota | null;
  existing: ExistingQuota[];
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [metric, setMetric] = useState<QuotaMetric>(quota?.metric ?? "calls");
  const [window, setWindow] = useState<QuotaWindow>(quota?.window ?? "day");
  const [limitText, setLimitText] = useState(quota ? String(quota.limit) : "");
  const upsert = useMutation(
    trpc.quotas.upsert.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.quotas.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.changeRequests.pathKey() });
        announceScopeChange(
          result,
          `Quota saved: ${metricLabel(metric).toLowerCase()} ${windowLabel(window)}.`,
        );
        onDone();
      },
    }),
  );
  const limit = Number(limitText);
  const limitValid = limitText.trim() !== "" && Number.isInteger(limit) && limit >= 0;
  const clash = !quota && existing.find((q) => q.metric === metric && q.window === window);
  const errors = fieldErrors(upsert.error);

  return (
    <form
      aria-label={quota ? "Edit quota" : "New quota"}
      className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-2 ring-brand-600/30"
      onSubmit={(e) => {
        e.preventDefault();
        if (limitValid) upsert.mutate({ agentId, metric, window, limit });
      }}
      noValidate
    >
      {upsert.isError && !Object.keys(errors).length && (
        <ErrorNotice title="Could not save the quota" message={errorMessage(upsert.error)} />
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label="Metric"
          hint={METRICS.find((m) => m.value === metric)?.description}
          error={errors.metric}
        >
          {(p) => (
            <select
              {...p}
              value={metric}
              disabled={!!quota}
              onChange={(e) => setMetric(e.target.value as QuotaMetric)}
            >
              {METRICS.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Window"
          hint={window === "run" ? "Counted per run of the agent." : "A fixed calendar window (UTC)."}
          error={errors.window}
        >
          {(p) => (
            <select
              {...p}
              value={window}
              disabled={!!quota}
              onChange={(e) => setWindow(e.target.value as QuotaWindow)}
            >
              {WINDOWS.map((w) => (
                <option key={w.value} value={w.value}>
                  {w.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={metric === "spendCents" ? "Limit (cents)" : "Limit"}
          hint={
            limitValid
              ? metric === "spendCents"
                ? `${formatAmount(metric, limit)} ${windowLabel(window)}`
                : `${formatAmount(metric, limit)} ${windowLabel(window)}${limit === 0 ? " — nothing allowed" : ""}`
              : "A whole number, 0 or more."
          }
          error={errors.limit ?? (limitText && !limitValid ? "Enter a whole number, 0 or more." : undefined)}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              value={limitText}
              onChange={(e) => setLimitText(e.target.value)}
              className={`${p.className} tabular-nums`}
              autoFocus
            />
          )}
        </Field>
      </div>
      {clash && (
        <Notice tone="warning">
          A quota for {metricLabel(metric).toLowerCase()} {windowLabel(window)} already exists (limit{" "}
          {formatAmount(metric, clash.limit)}). Saving replaces its limit.
        </Notice>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone} disabled={upsert.isPending}>
          Cancel
        </Button>
        <Button type="submit" busy={upsert.isPending} disabled={!limitValid}>
          Save quota
        </Button>
      </div>
    </form>
  );
}
