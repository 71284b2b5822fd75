"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { formatAbsolute, RelativeTime } from "@/components/ui/relative-time";
import { EmptyState, ErrorNotice, Loading } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { Toaster } from "@/components/ui/toast";
import { errorMessage } from "@/components/ui/trpc-errors";
import { IncidentStatusBadge, SeverityBadge } from "./incident-badges";
import { OpenIncidentDialog, type IncidentSource } from "./open-incident-dialog";

const FILTERS = [
  { value: null, label: "All" },
  { value: "OPEN", label: "Open" },
  { value: "MITIGATED", label: "Mitigated" },
  { value: "RESOLVED", label: "Resolved" },
] as const;
type StatusFilter = (typeof FILTERS)[number]["value"];

const SOURCE_KINDS: Record<string, IncidentSource["kind"]> = {
  run: "RUN",
  decision: "DECISION",
  agent: "AGENT",
  approval: "APPROVAL",
  switch: "KILL_SWITCH",
};

/** `?from=run:<id>` (or decision:, agent:, approval:, switch:) opens the dialog linked to that item. */
function sourceFromQuery(value: string | null): IncidentSource | null {
  const match = /^([a-z]+):([\w-]{1,100})$/.exec(value ?? "");
  const kind = match ? SOURCE_KINDS[match[1]!] : undefined;
  return kind && match ? { kind, id: match[2]! } : null;
}

export function IncidentsPage() {
  const trpc = useTRPC();
  const from = sourceFromQuery(useSearchParams().get("from"));
  const [status, setStatus] = useState<StatusFilter>(null);
  const [opening, setOpening] = useState(from !== null);
  const list = useQuery(trpc.incidents.list.queryOptions({ status }));

  return (
    <div className="space-y-6">
      <Toaster />
      <PageHeader
        title="Incidents"
        description="Each incident ties a kill switch, the agents, runs, decisions and approvals involved, and the responders' notes into one timeline."
        actions={list.data?.canWrite && <Button onClick={() => setOpening(true)}>Open an incident</Button>}
      />
      <div role="group" aria-label="Filter by status" className="flex gap-1">
        {FILTERS.map((f) => (
          <Button
            key={f.label}
            size="sm"
            variant={status === f.value ? "primary" : "secondary"}
            aria-pressed={status === f.value}
            onClick={() => setStatus(f.value)}
          >
            {f.label}
          </Button>
        ))}
      </div>
      {list.isPending ? (
        <Loading label="Loading incidents…" />
      ) : list.isError ? (
        <ErrorNotice title="Could not load incidents" message={errorMessage(list.error)} />
      ) : list.data.incidents.length === 0 ? (
        <EmptyState
          title={status ? "No incidents with this status" : "No incidents yet"}
          description="Open one from the kill switch page right after engaging a switch, or from a run or a decision."
        />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Incident</Th>
              <Th>Severity</Th>
              <Th>Status</Th>
              <Th>Opened</Th>
              <Th className="text-right">Timeline entries</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.data.incidents.map((incident) => (
              <tr key={incident.id} className="hover:bg-slate-50">
                <Td>
                  <Link
                    href={`/incidents/${incident.id}`}
                    className="block max-w-lg truncate font-medium text-brand-700 hover:underline"
                    title={incident.title}
                  >
                    {incident.title}
                  </Link>
                </Td>
                <Td>
                  <SeverityBadge severity={incident.severity} />
                </Td>
                <Td>
                  <IncidentStatusBadge status={incident.status} />
                </Td>
                <Td>
                  <span title={formatAbsolute(incident.createdAt)}>
                    <RelativeTime date={incident.createdAt} />
                  </span>
                  {incident.openedBy && (
                    <span className="block text-xs text-slate-500">{incident.openedBy}</span>
                  )}
                </Td>
                <Td className="text-right tabular-nums">{incident.entries}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {list.data?.canWrite && (
        <OpenIncidentDialog
          open={opening && list.data?.canWrite === true}
          onClose={() => setOpening(false)}
          from={from}
        />
      )}
    </div>
  );
}
