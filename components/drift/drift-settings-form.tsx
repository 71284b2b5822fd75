"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { ErrorNotice } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { errorMessage, fieldErrors } from "@/components/ui/trpc-errors";

export type DriftSettingsView = {
  baselineDays: number;
  currentHours: number;
  minCalls: number;
  autoDemote: boolean;
  thresholds: Record<string, number>;
};

const THRESHOLD_FIELDS: { key: string; label: string; hint: string; step: string }[] = [
  {
    key: "mixDivergence",
    label: "Tool mix change",
    hint: "0.01–1; 0.2 is a clear change of habits.",
    step: "0.01",
  },
  {
    key: "denyRateChange",
    label: "Deny rate change",
    hint: "As a fraction: 0.15 = 15 points more refused.",
    step: "0.01",
  },
  {
    key: "approvalRateChange",
    label: "Approval rate change",
    hint: "As a fraction: 0.15 = 15 points more approvals.",
    step: "0.01",
  },
  {
    key: "callsPerRunRatio",
    label: "Calls per run (×)",
    hint: "2 = twice as many calls per run.",
    step: "0.1",
  },
  {
    key: "spendVelocityRatio",
    label: "Spend velocity (×)",
    hint: "3 = spending three times as fast.",
    step: "0.1",
  },
  { key: "newTools", label: "New tools", hint: "How many never-seen operations raise an alert.", step: "1" },
  {
    key: "newResources",
    label: "New resources",
    hint: "How many first-time resources raise an alert.",
    step: "1",
  },
];

/** Per-agent drift windows, thresholds and the automatic response (owner, admins, security). */
export function DriftSettingsForm({
  agentId,
  settings,
  onDone,
}: {
  agentId: string;
  settings: DriftSettingsView;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(() => ({
    baselineDays: String(settings.baselineDays),
    currentHours: String(settings.currentHours),
    minCalls: String(settings.minCalls),
    autoDemote: settings.autoDemote,
    thresholds: Object.fromEntries(Object.entries(settings.thresholds).map(([k, v]) => [k, String(v)])),
  }));
  const save = useMutation(
    trpc.drift.updateSettings.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.drift.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
        toast("Drift settings saved.");
        onDone();
      },
    }),
  );
  const errors = fieldErrors(save.error);
  const num = (v: string) => (v.trim() === "" ? Number.NaN : Number(v));

  return (
    <Card title="Drift settings" description="Changes are recorded in the audit trail.">
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            agentId,
            settings: {
              baselineDays: num(form.baselineDays),
              currentHours: num(form.currentHours),
              minCalls: num(form.minCalls),
              autoDemote: form.autoDemote,
              thresholds: Object.fromEntries(Object.entries(form.thresholds).map(([k, v]) => [k, num(v)])),
            },
          });
        }}
      >
        {save.isError && Object.keys(errors).length === 0 && (
          <ErrorNotice title="Could not save" message={errorMessage(save.error)} />
        )}
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Baseline (days)" hint="Compared against." error={errors.baselineDays}>
            {(p) => (
              <input
                {...p}
                type="number"
                min={1}
                max={90}
                value={form.baselineDays}
                onChange={(e) => setForm({ ...form, baselineDays: e.target.value })}
              />
            )}
          </Field>
          <Field label="Current window (hours)" hint="Under scrutiny." error={errors.currentHours}>
            {(p) => (
              <input
                {...p}
                type="number"
                min={1}
                max={168}
                value={form.currentHours}
                onChange={(e) => setForm({ ...form, currentHours: e.target.value })}
              />
            )}
          </Field>
          <Field label="Minimum calls" hint="Fewer calls than this never alert." error={errors.minCalls}>
            {(p) => (
              <input
                {...p}
                type="number"
                min={1}
                value={form.minCalls}
                onChange={(e) => setForm({ ...form, minCalls: e.target.value })}
              />
            )}
          </Field>
        </div>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {THRESHOLD_FIELDS.map((f) => (
            <Field key={f.key} label={f.label} hint={f.hint} error={errors[`thresholds.${f.key}`]}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  step={f.step}
                  value={form.thresholds[f.key] ?? ""}
                  onChange={(e) =>
                    setForm({ ...form, thresholds: { ...form.thresholds, [f.key]: e.target.value } })
                  }
                />
              )}
            </Field>
          ))}
        </div>
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            className="mt-0.5"
            checked={form.autoDemote}
            onChange={(e) => setForm({ ...form, autoDemote: e.target.checked })}
          />
          <span>
            <span className="font-medium">Demote autonomy by one level when a drift alert fires.</span>{" "}
            <span className="text-slate-500">
              Recorded in the audit trail as the system; a person can restore it from the alert.
            </span>
          </span>
        </label>
        <div className="flex gap-2">
          <Button type="submit" busy={save.isPending}>
            Save settings
          </Button>
          <Button variant="secondary" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
