"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState, ErrorNotice, Loading } from "@/components/ui/states";
import { errorMessage } from "@/components/ui/trpc-errors";
import { ActivityChart } from "./activity-chart";
import { Freshness } from "./freshness";
import { PendingAgesChart } from "./pending-ages-chart";
import { StatTile } from "./stat-tile";
import { TopAgentsChart } from "./top-agents-chart";

const percent = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1)}%`);

/** The fleet at a glance: activity, refusals, what waits for people, and what looks unusual. */
export function OverviewPage() {
  const trpc = useTRPC();
  const overview = useQuery({ ...trpc.overview.get.queryOptions(), refetchInterval: 15_000 });

  if (overview.isPending) return <Loading label="Loading the overview…" />;
  if (overview.isError)
    return <ErrorNotice title="Could not load the overview" message={errorMessage(overview.error)} />;
  const { perMinute, perHour, totals, top, pending, open, freshness } = overview.data;
  const denyTone =
    totals.denyRateLastDay === null
      ? "default"
      : totals.denyRateLastDay > 0.2
        ? "bad"
        : totals.denyRateLastDay > 0.05
          ? "warn"
          : "good";

  return (
    <>
      <PageHeader
        title="Overview"
        description="How your agents behave right now, what is waiting for a person, and what looks different from usual."
        actions={<Freshness asOf={freshness.asOf} />}
      />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-6">
        <StatTile label="Decisions, last hour" value={totals.callsLastHour.toLocaleString()} />
        <StatTile label="Decisions, last day" value={totals.callsLastDay.toLocaleString()} />
        <StatTile
          label="Deny rate, last day"
          value={percent(totals.denyRateLastDay)}
          tone={denyTone}
          hint={`${totals.deniesLastDay.toLocaleString()} refused`}
        />
        <StatTile
          label="Pending approvals"
          value={pending.count}
          tone={pending.count > 0 ? "warn" : "good"}
          hint={
            pending.oldestCreatedAt ? (
              <>
                oldest <RelativeTime date={pending.oldestCreatedAt} />
              </>
            ) : (
              "nothing waiting"
            )
          }
        />
        <StatTile
          label="Active incidents"
          value={open.incidentCount}
          tone={open.incidentCount > 0 ? "bad" : "good"}
        />
        <StatTile
          label="Drift alerts"
          value={open.alertCount}
          tone={open.alertCount > 0 ? "warn" : "good"}
          hint="not yet acknowledged"
        />
      </div>

      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Card title="Decisions per minute" description="The last hour, by outcome.">
          <ActivityChart points={perMinute} kind="area" />
        </Card>
        <Card title="Decisions per hour" description="The last 24 hours, by outcome.">
          <ActivityChart points={perHour} kind="bar" />
        </Card>
        <Card title="Busiest agents" description="Decisions in the last 24 hours.">
          <TopAgentsChart agents={top.byActivity} measure="calls" />
        </Card>
        <Card title="Most refused agents" description="Denied requests in the last 24 hours.">
          <TopAgentsChart agents={top.byDenials} measure="denies" />
        </Card>
      </div>

      <div className="mt-4 grid gap-4 lg:grid-cols-3">
        <Card
          title="Waiting for approval"
          description="How long pending actions have waited."
          actions={
            <Link href="/approvals" className="text-sm font-medium text-brand-700 hover:underline">
              Inbox
            </Link>
          }
        >
          <PendingAgesChart ages={pending.ages} />
          <ul className="mt-3 divide-y divide-slate-100 text-sm">
            {pending.oldest.map((a) => (
              <li key={a.id} className="flex items-center justify-between gap-2 py-1.5">
                <span className="min-w-0 truncate">
                  <span className="font-medium text-slate-800">{a.agentName}</span>{" "}
                  <span className="text-slate-500">{a.ruleReason}</span>
                </span>
                <RelativeTime date={a.createdAt} className="shrink-0 text-xs text-slate-500" />
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Active incidents" description="Open or mitigated.">
          {open.incidents.length === 0 ? (
            <EmptyState
              title="No active incidents"
              description="Incidents opened with the kill switch appear here until resolved."
            />
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {open.incidents.map((i) => (
                <li key={i.id} className="flex items-center justify-between gap-2 py-2">
                  <Link
                    href={`/incidents/${i.id}`}
                    className="min-w-0 truncate font-medium text-slate-800 hover:underline"
                  >
                    {i.title}
                  </Link>
                  <span className="flex shrink-0 items-center gap-2">
                    <Badge tone={i.status === "OPEN" ? "red" : "amber"}>
                      {i.status === "OPEN" ? "Open" : "Mitigated"}
                    </Badge>
                    <RelativeTime date={i.createdAt} className="text-xs text-slate-500" />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Drift alerts" description="Agents behaving differently from their own past.">
          {open.alerts.length === 0 ? (
            <EmptyState
              title="No drift alerts"
              description="Each agent is compared with its previous week once a minute."
            />
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="overview-drift-alerts">
              {open.alerts.map((a) => (
                <li key={a.id} className="flex items-center justify-between gap-2 py-2">
                  <Link href={`/agents/${a.agent.id}?tab=drift`} className="min-w-0 truncate hover:underline">
                    <span className="font-medium text-slate-800">{a.agent.name}</span>{" "}
                    <span className="text-slate-500">{a.label}</span>
                  </Link>
                  <span className="flex shrink-0 items-center gap-2">
                    {a.autoDemoted && <Badge tone="violet">demoted</Badge>}
                    <RelativeTime date={a.createdAt} className="text-xs text-slate-500" />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
