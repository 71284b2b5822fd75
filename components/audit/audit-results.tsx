"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState, ErrorNotice, Loading } from "@/components/ui/states";
import { errorMessage } from "@/components/ui/trpc-errors";
import { AuditDiff } from "./audit-diff";
import type { AuditFilters } from "./audit-filters";
import { humanAction } from "./human-action";

type Row = RouterOutputs["audit"]["search"]["items"][number];

const OUTCOME = {
  ALLOW: { label: "Allowed", tone: "green" },
  DENY: { label: "Denied", tone: "red" },
  REQUIRE_APPROVAL: { label: "Needed approval", tone: "amber" },
} as const;

/** The export of exactly what is on screen: same filters, every page. */
export function exportHref(filters: AuditFilters, format: "csv" | "jsonl") {
  const params = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return `/api/export/audit?${params.toString()}`;
}

function DecisionRow({ row }: { row: Row }) {
  const outcome = OUTCOME[row.outcome as keyof typeof OUTCOME] ?? {
    label: row.outcome,
    tone: "gray" as const,
  };
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <p className="min-w-0 text-sm text-slate-800">
          <Badge tone={outcome.tone} className="mr-1.5 align-middle">
            {outcome.label}
          </Badge>
          <span className="font-medium text-slate-900">{row.agentName}</span>
          <span className="text-slate-500"> asked to </span>
          <code className="break-all font-mono text-[13px]">
            {row.tool}:{row.operation}
          </code>
          <span className="text-slate-500"> on </span>
          <code className="break-all font-mono text-[13px]">{row.resource}</code>
        </p>
        <RelativeTime date={row.createdAt} className="shrink-0 text-xs text-slate-500" />
      </div>
      <p className="mt-0.5 text-sm text-slate-600">{row.reasonMessage}</p>
      <p className="mt-0.5 text-xs text-slate-500">
        <code className="font-mono">{row.reasonCode}</code> · decision{" "}
        <code className="break-all font-mono">{row.id}</code>
        {row.actor && (
          <>
            {" "}
            · on behalf of <span className="break-all">{row.actor}</span>
          </>
        )}
        {row.runId && (
          <>
            {" "}
            · run <code className="break-all font-mono">{row.runId}</code>
          </>
        )}
      </p>
    </>
  );
}

function EventRow({ row }: { row: Row }) {
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <p className="min-w-0 text-sm text-slate-800">
          <Badge tone="blue" className="mr-1.5 align-middle">
            Change
          </Badge>
          <span className="font-medium text-slate-900">{humanAction(row.action ?? "")}</span>
          <span className="text-slate-500"> by </span>
          <span className="break-all font-medium">{row.actor}</span>
        </p>
        <RelativeTime date={row.createdAt} className="shrink-0 text-xs text-slate-500" />
      </div>
      <p className="mt-0.5 text-xs text-slate-500">
        <code className="font-mono">{row.action}</code> · {row.targetType}{" "}
        <code className="break-all font-mono">{row.targetId}</code>
      </p>
      {(row.before !== null || row.after !== null) && (
        // Collapsed: a page of fifty changes stays scannable; the values are one click away.
        <details className="group mt-1 text-xs">
          <summary className="cursor-pointer select-none text-brand-700 hover:underline">
            Show what changed
          </summary>
          <AuditDiff before={row.before} after={row.after} />
        </details>
      )}
    </>
  );
}

/** The matching decisions and changes, newest first, a page at a time. */
export function AuditResults({ filters }: { filters: AuditFilters }) {
  const trpc = useTRPC();
  const search = useInfiniteQuery(
    trpc.audit.search.infiniteQueryOptions(
      { ...filters, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  if (search.isPending) return <Loading label="Searching the audit trail…" />;
  if (search.isError)
    return <ErrorNotice title="Could not search the audit trail" message={errorMessage(search.error)} />;
  const items = search.data.pages.flatMap((p) => p.items);
  const filtered = Object.values(filters).some(Boolean);
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600" aria-live="polite">
          {items.length === 0
            ? "No matches"
            : `${items.length}${search.hasNextPage ? "+" : ""} ${items.length === 1 ? "record" : "records"}`}
          {filtered ? " for this search" : ""}
        </p>
        <div className="flex gap-2">
          <a
            className="text-sm font-medium text-brand-700 hover:underline"
            href={exportHref(filters, "csv")}
            download
          >
            Export CSV
          </a>
          <a
            className="text-sm font-medium text-brand-700 hover:underline"
            href={exportHref(filters, "jsonl")}
            download
          >
            Export JSON Lines
          </a>
        </div>
      </div>
      {items.length === 0 ? (
        <EmptyState
          title={filtered ? "Nothing matches this search" : "Nothing recorded yet"}
          description={
            filtered
              ? "Try fewer filters or a wider time range."
              : "Decisions and control-plane changes will appear here."
          }
        />
      ) : (
        <ol
          className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
          aria-label="Audit records"
        >
          {items.map((row) => (
            <li key={row.id} className="px-5 py-3.5">
              {row.kind === "decision" ? <DecisionRow row={row} /> : <EventRow row={row} />}
            </li>
          ))}
        </ol>
      )}
      {search.hasNextPage && (
        <div className="mt-3 flex justify-end">
          <Button
            variant="secondary"
            busy={search.isFetchingNextPage}
            onClick={() => void search.fetchNextPage()}
          >
            Load more
          </Button>
        </div>
      )}
    </div>
  );
}
