"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { controlClass } from "@/components/ui/field";
import { ErrorNotice, Loading } from "@/components/ui/states";
import { errorMessage } from "@/components/ui/trpc-errors";
import { DriftAlerts } from "./drift-alerts";
import { DriftSettingsForm } from "./drift-settings-form";
import { HourlyChart } from "./hourly-chart";
import { MetricCard } from "./metric-card";
import { MixChart } from "./mix-chart";

const BASELINES = [1, 3, 7, 14, 30];
const CURRENTS = [1, 6, 24, 48];

/** How this agent behaves now compared with its own past (the agent page's Drift tab). */
export function DriftPanel({ agentId }: { agentId: string }) {
  const trpc = useTRPC();
  const [override, setOverride] = useState<{ baselineDays?: number; currentHours?: number }>({});
  const [editing, setEditing] = useState(false);
  const drift = useQuery(trpc.drift.agent.queryOptions({ agentId, ...override }));

  if (drift.isPending) return <Loading label="Comparing with the baseline…" />;
  if (drift.isError)
    return <ErrorNotice title="Could not compute drift" message={errorMessage(drift.error)} />;
  const d = drift.data;
  const breached = d.metrics.filter((m) => m.breached).length;

  return (
    <div className="space-y-4" data-testid="drift-panel">
      <Card
        title="Drift"
        description={`The last ${d.settings.currentHours} h compared with the ${d.settings.baselineDays} days before, from hourly rollups.`}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            {breached > 0 ? (
              <Badge tone="red">{breached} above threshold</Badge>
            ) : (
              <Badge tone="green">Within thresholds</Badge>
            )}
            <select
              aria-label="Baseline window"
              className={`${controlClass} py-1`}
              style={{ width: "auto" }}
              value={d.settings.baselineDays}
              onChange={(e) => setOverride({ ...override, baselineDays: Number(e.target.value) })}
            >
              {[...new Set([...BASELINES, d.settings.baselineDays])]
                .sort((a, b) => a - b)
                .map((n) => (
                  <option key={n} value={n}>
                    baseline {n} d
                  </option>
                ))}
            </select>
            <select
              aria-label="Current window"
              className={`${controlClass} py-1`}
              style={{ width: "auto" }}
              value={d.settings.currentHours}
              onChange={(e) => setOverride({ ...override, currentHours: Number(e.target.value) })}
            >
              {[...new Set([...CURRENTS, d.settings.currentHours])]
                .sort((a, b) => a - b)
                .map((n) => (
                  <option key={n} value={n}>
                    current {n} h
                  </option>
                ))}
            </select>
            {d.canManage && !editing && (
              <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
                Thresholds…
              </Button>
            )}
          </div>
        }
      >
        <div className="grid gap-4 lg:grid-cols-2">
          <div>
            <h3 className="mb-1 text-sm font-medium text-slate-700">Calls per hour</h3>
            <HourlyChart hourly={d.figures.hourly} currentStart={d.windows.currentStart} />
          </div>
          <div>
            <h3 className="mb-1 text-sm font-medium text-slate-700">Tool and operation mix</h3>
            <MixChart baseline={d.figures.baseline.byOperation} current={d.figures.current.byOperation} />
          </div>
        </div>
        <p className="mt-2 text-xs text-slate-500">
          {d.figures.baseline.calls.toLocaleString()} calls in the baseline,{" "}
          {d.figures.current.calls.toLocaleString()} in the current window
          {d.settings.autoDemote ? " · automatic demotion is on" : ""}.
        </p>
      </Card>
      {editing && (
        <DriftSettingsForm agentId={agentId} settings={d.settings} onDone={() => setEditing(false)} />
      )}
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
        {d.metrics.map((m) => (
          <MetricCard key={m.metric} m={m} />
        ))}
      </div>
      <DriftAlerts agentId={agentId} />
    </div>
  );
}
