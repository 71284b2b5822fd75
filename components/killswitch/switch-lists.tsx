"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatAbsolute, RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th } from "@/components/ui/table";
import type { RouterOutputs } from "@/components/trpc";

export type SwitchView = RouterOutputs["killSwitch"]["list"]["engaged"][number];

const SCOPE_WORDS = { AGENT: "Agent paused", ENVIRONMENT: "Environment frozen", ORG: "Organization frozen" };

export function ScopeBadge({ scope }: { scope: SwitchView["scope"] }) {
  return <Badge tone="red">{SCOPE_WORDS[scope]}</Badge>;
}

/** The switches that are on now: the first thing a responder needs to see. */
export function EngagedList({
  engaged,
  canUse,
  onResume,
  onIncident,
}: {
  engaged: SwitchView[];
  canUse: boolean;
  onResume: (s: SwitchView) => void;
  onIncident: (s: SwitchView) => void;
}) {
  return (
    <section aria-label="Engaged kill switches" className="rounded-lg bg-red-50 ring-2 ring-red-600/60">
      <header className="flex items-center gap-2 border-b border-red-200 px-5 py-3">
        <span className="size-2.5 animate-pulse rounded-full bg-red-600" aria-hidden />
        <h2 className="text-base font-semibold text-red-900">
          {engaged.length === 1 ? "1 kill switch is engaged" : `${engaged.length} kill switches are engaged`}
        </h2>
      </header>
      <ul className="divide-y divide-red-200">
        {engaged.map((s) => (
          <li
            key={s.id}
            className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-start sm:justify-between"
          >
            <div className="min-w-0 space-y-1">
              <div className="flex flex-wrap items-center gap-2">
                <ScopeBadge scope={s.scope} />
                <span className="break-all font-mono text-sm font-semibold text-slate-900">
                  {s.targetName}
                </span>
              </div>
              <p className="break-words text-sm text-slate-800">
                <span className="text-slate-500">Reason:</span> {s.reason}
              </p>
              <p className="text-xs text-slate-600">
                Engaged by {s.engagedBy} <RelativeTime date={s.engagedAt} /> ·{" "}
                <span className="font-mono">{s.id}</span>
              </p>
            </div>
            {canUse && (
              <div className="flex shrink-0 gap-2">
                <Button variant="secondary" onClick={() => onIncident(s)}>
                  Open incident
                </Button>
                <Button onClick={() => onResume(s)}>Resume…</Button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Released switches: who engaged and released each, when and why. */
export function ReleasedTable({ released }: { released: SwitchView[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Switch</Th>
          <Th>Engaged</Th>
          <Th>Released</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {released.map((s) => (
          <tr key={s.id} className="align-top">
            <Td>
              <div className="text-xs text-slate-500">{SCOPE_WORDS[s.scope]}</div>
              <div className="break-all font-mono text-sm text-slate-900">{s.targetName}</div>
            </Td>
            <Td>
              <div className="text-sm text-slate-800" title={formatAbsolute(s.engagedAt)}>
                {formatAbsolute(s.engagedAt)} by {s.engagedBy}
              </div>
              <div className="max-w-md break-words text-xs text-slate-500">{s.reason}</div>
            </Td>
            <Td>
              {s.releasedAt && (
                <div className="text-sm text-slate-800">
                  {formatAbsolute(s.releasedAt)} by {s.releasedBy}
                </div>
              )}
              <div className="max-w-md break-words text-xs text-slate-500">{s.releaseReason}</div>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
