"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState, ErrorNotice, Loading } from "@/components/ui/states";
import { errorMessage } from "@/components/ui/trpc-errors";
import { AuditDiff } from "./audit-diff";
import { humanAction } from "./human-action";

const ACTOR_TONE = { USER: "blue", AGENT: "violet", SYSTEM: "gray", CLI: "amber" } as const;

/** The audit trail, newest first, a page at a time; optionally one agent's history. */
export function AuditList({ agentId, emptyDescription }: { agentId?: string; emptyDescription?: string }) {
  const trpc = useTRPC();
  const events = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { limit: 50, ...(agentId ? { agentId } : {}) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );

  if (events.isPending) return <Loading label="Loading history…" />;
  if (events.isError)
    return <ErrorNotice title="Could not load the audit trail" message={errorMessage(events.error)} />;
  const items = events.data.pages.flatMap((p) => p.items);
  if (items.length === 0)
    return (
      <EmptyState
        title="Nothing recorded yet"
        description={emptyDescription ?? "Changes to the control plane will appear here."}
      />
    );

  return (
    <div>
      <ol
        className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
        aria-label="Audit events"
      >
        {items.map((event) => (
          <li key={event.id} className="px-5 py-3.5">
            <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
              <p className="min-w-0 text-sm text-slate-800">
                <span className="font-medium text-slate-900">{humanAction(event.action)}</span>
                <span className="text-slate-500"> by </span>
                <span className="break-all font-medium">{event.actorLabel}</span>{" "}
                <Badge tone={ACTOR_TONE[event.actorType]} className="ml-1 align-middle">
                  {event.actorType.toLowerCase()}
                </Badge>
              </p>
              <RelativeTime date={event.createdAt} className="shrink-0 text-xs text-slate-500" />
            </div>
            <p className="mt-0.5 text-xs text-slate-500">
              <code className="font-mono">{event.action}</code> · {event.targetType}{" "}
              <code className="break-all font-mono">{event.targetId}</code>
            </p>
            <AuditDiff before={event.before} after={event.after} hideKeys={agentId ? ["agentId"] : []} />
          </li>
        ))}
      </ol>
      <div className="mt-3 flex items-center justify-between">
        <p className="text-xs text-slate-500">
          {items.length} {items.length === 1 ? "event" : "events"} shown
        </p>
        {events.hasNextPage && (
          <Button
            variant="secondary"
            busy={events.isFetchingNextPage}
            onClick={() => void events.fetchNextPage()}
          >
            Load more
          </Button>
        )}
      </div>
    </div>
  );
}
