"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatAbsolute } from "@/components/ui/relative-time";
import { EmptyState, ErrorNotice, Loading, Notice } from "@/components/ui/states";
import { Toaster } from "@/components/ui/toast";
import { errorCode, errorMessage } from "@/components/ui/trpc-errors";
import { IncidentActions } from "./incident-actions";
import { IncidentStatusBadge, SeverityBadge } from "./incident-badges";
import { IncidentTimeline } from "./incident-timeline";

/** One incident: what it is, what is involved, its timeline, and (for responders) the actions. */
export function IncidentPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.incidents.get.queryOptions({ id }));
  if (query.isPending) return <Loading label="Loading incident…" />;
  if (query.isError) {
    return errorCode(query.error) === "NOT_FOUND" ? (
      <EmptyState
        title="Incident not found"
        description="It may belong to another organization."
        action={
          <Link href="/incidents" className="text-sm font-medium text-brand-700 hover:underline">
            Back to incidents
          </Link>
        }
      />
    ) : (
      <ErrorNotice title="Could not load this incident" message={errorMessage(query.error)} />
    );
  }
  const { incident, links, timeline, truncated, canWrite } = query.data;
  const exportHref = (format: "json" | "md") => `/api/export/incidents/${incident.id}?format=${format}`;

  return (
    <div className="space-y-6">
      <Toaster />
      <div>
        <div className="mb-2 text-sm text-slate-500">
          <Link href="/incidents" className="hover:text-slate-900">
            ← Incidents
          </Link>
        </div>
        <div className="flex flex-col gap-4 lg:flex-row lg:items-start lg:justify-between">
          <div className="min-w-0">
            <h1 className="break-words text-2xl font-semibold tracking-tight text-slate-900">
              {incident.title}
            </h1>
            <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-500">
              <IncidentStatusBadge status={incident.status} />
              <SeverityBadge severity={incident.severity} />
              <span>
                Opened {formatAbsolute(incident.createdAt)}
                {incident.openedBy && <> by {incident.openedBy}</>}
              </span>
              {incident.resolvedAt && <span>· Resolved {formatAbsolute(incident.resolvedAt)}</span>}
              <code className="font-mono text-xs">{incident.id}</code>
            </div>
          </div>
          <div className="flex shrink-0 gap-2">
            <a href={exportHref("json")} className={buttonClass("secondary")} download>
              Export JSON
            </a>
            <a href={exportHref("md")} className={buttonClass("secondary")} download>
              Export Markdown
            </a>
          </div>
        </div>
      </div>
      {!canWrite && (
        <Notice>
          You can read and export this incident. Only admins and security staff can add notes or change it.
        </Notice>
      )}
      <div className={canWrite ? "grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]" : "max-w-5xl"}>
        <div className="min-w-0 space-y-6">
          <Card title="Involved">
            <dl className="grid gap-3 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Agents</dt>
                <dd className="mt-1 flex flex-wrap gap-2">
                  {links.agents.length === 0 && <span className="text-slate-500">None linked</span>}
                  {links.agents.map((a) => (
                    <Link
                      key={a.id}
                      href={`/agents/${a.id}`}
                      className="font-mono text-brand-700 hover:underline"
                    >
                      {a.name}{" "}
                      <span className="font-sans text-xs text-slate-500">({a.status.toLowerCase()})</span>
                    </Link>
                  ))}
                </dd>
              </div>
              <div className="sm:col-span-2">
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Runs</dt>
                <dd className="mt-1 flex flex-col gap-1">
                  {links.runs.length === 0 && <span className="text-slate-500">None linked</span>}
                  {links.runs.map((r) => (
                    <Link
                      key={r.id}
                      href={`/runs/${r.id}`}
                      className="truncate font-mono text-brand-700 hover:underline"
                      aria-label={`Run timeline ${r.id}`}
                    >
                      {r.id}{" "}
                      <span className="font-sans text-xs text-slate-500">({r.status.toLowerCase()})</span>
                    </Link>
                  ))}
                </dd>
              </div>
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Kill switches</dt>
                <dd className="mt-1 text-slate-700">
                  {links.killSwitches.length === 0
                    ? "None linked"
                    : links.killSwitches
                        .map((s) => `${s.scope.toLowerCase()} — ${s.releasedAt ? "released" : "engaged"}`)
                        .join(", ")}
                </dd>
              </div>
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">
                  On the timeline
                </dt>
                <dd className="mt-1 text-slate-700">
                  {links.decisions} decision(s), {links.approvals} approval(s)
                </dd>
              </div>
            </dl>
          </Card>
          <Card title="Timeline" description="Times are UTC.">
            {truncated.map((t) => (
              <div key={t} className="mb-3">
                <Notice tone="warning">{t}</Notice>
              </div>
            ))}
            <IncidentTimeline items={timeline} />
          </Card>
        </div>
        {canWrite && <IncidentActions incidentId={incident.id} status={incident.status} />}
      </div>
    </div>
  );
}
