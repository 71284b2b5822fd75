"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState, ErrorNotice, Loading } from "@/components/ui/states";
import { announceScopeChange } from "@/components/change-requests/sign-off";
import { toast } from "@/components/ui/toast";
import { errorMessage } from "@/components/ui/trpc-errors";
import { formatMetricValue, formatSide, type MetricUnit } from "./format-metric";

type Evidence = {
  label?: string;
  unit?: MetricUnit;
  baselineValue?: number | null;
  currentValue?: number | null;
  items?: string[];
  runs?: { id: string; startedAt: string }[];
  baseline?: { calls: number };
  current?: { calls: number };
};

/** The agent's drift alerts with their evidence, and the actions a person can take on them. */
export function DriftAlerts({ agentId }: { agentId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const alerts = useQuery(trpc.drift.alerts.queryOptions({ agentId }));
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.drift.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
  };
  const acknowledge = useMutation(
    trpc.drift.acknowledge.mutationOptions({
      onSuccess: async () => (await refresh(), toast("Alert acknowledged.")),
    }),
  );
  const restore = useMutation(
    trpc.drift.restoreAutonomy.mutationOptions({
      // A production agent's restore waits for security's sign-off: say so rather than "restored".
      onSuccess: async (result) => {
        await refresh();
        announceScopeChange(result, `Autonomy restored to level ${result.autonomy}.`);
      },
    }),
  );

  return (
    <Card
      title="Drift alerts"
      description="Raised by the drift check (once a minute) when a metric reaches its threshold."
    >
      {alerts.isPending && <Loading label="Loading alerts…" />}
      {alerts.isError && <ErrorNotice title="Could not load alerts" message={errorMessage(alerts.error)} />}
      {(acknowledge.isError || restore.isError) && (
        <ErrorNotice title="That did not work" message={errorMessage(acknowledge.error ?? restore.error)} />
      )}
      {alerts.data?.length === 0 && (
        <EmptyState title="No drift alerts" description="This agent has behaved like its baseline." />
      )}
      <ul className="divide-y divide-slate-100" data-testid="drift-alerts">
        {alerts.data?.map((alert) => {
          const ev = (alert.evidence ?? {}) as Evidence;
          const unit = ev.unit ?? "score";
          return (
            <li key={alert.id} className="py-3 text-sm">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-slate-900">{ev.label ?? alert.metric}</span>
                  <span className="tabular-nums text-red-700">{formatMetricValue(alert.value, unit)}</span>
                  <span className="text-xs text-slate-500">
                    threshold {formatMetricValue(alert.threshold, unit)}
                  </span>
                  {alert.acknowledgedAt ? <Badge>Acknowledged</Badge> : <Badge tone="red">Open</Badge>}
                  {alert.autoDemoted && (
                    <Badge tone="violet">
                      {alert.restoredAt ? "Autonomy restored" : `Autonomy demoted from ${alert.demotedFrom}`}
                    </Badge>
                  )}
                  <RelativeTime date={alert.createdAt} className="text-xs text-slate-500" />
                </div>
                {alert.canManage && (
                  <div className="flex gap-2">
                    {alert.autoDemoted && !alert.restoredAt && (
                      <Button
                        size="sm"
                        variant="secondary"
                        busy={restore.isPending}
                        onClick={() => restore.mutate({ alertId: alert.id })}
                      >
                        Restore autonomy
                      </Button>
                    )}
                    {!alert.acknowledgedAt && (
                      <Button
                        size="sm"
                        variant="secondary"
                        busy={acknowledge.isPending}
                        onClick={() => acknowledge.mutate({ alertId: alert.id })}
                      >
                        Acknowledge
                      </Button>
                    )}
                  </div>
                )}
              </div>
              <p className="mt-1 text-xs text-slate-600">
                {(ev.baselineValue !== undefined && ev.baselineValue !== null) ||
                (ev.currentValue !== undefined && ev.currentValue !== null)
                  ? `Baseline ${formatSide(ev.baselineValue ?? null, alert.metric)} → current ${formatSide(ev.currentValue ?? null, alert.metric)}. `
                  : ""}
                {ev.baseline && ev.current
                  ? `${ev.baseline.calls.toLocaleString()} calls in the baseline, ${ev.current.calls.toLocaleString()} in the current window.`
                  : ""}
                {ev.items && ev.items.length > 0
                  ? ` New: ${ev.items.slice(0, 5).join(", ")}${ev.items.length > 5 ? "…" : ""}`
                  : ""}
              </p>
              {ev.runs && ev.runs.length > 0 && (
                <p className="mt-1 flex flex-wrap gap-x-2 text-xs">
                  <span className="text-slate-500">Runs:</span>
                  {ev.runs.slice(0, 6).map((run) => (
                    <Link
                      key={run.id}
                      href={`/runs/${run.id}`}
                      className="font-mono text-brand-700 hover:underline"
                    >
                      {run.id.slice(0, 12)}…
                    </Link>
                  ))}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
