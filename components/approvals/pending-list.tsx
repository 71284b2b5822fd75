"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { RouterOutputs } from "@/components/trpc";
import { EnvironmentBadge } from "@/components/agents/badges";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { EmptyState, ErrorNotice, Loading } from "@/components/ui/states";
import { errorMessage } from "@/components/ui/trpc-errors";
import { EffectBadge } from "./effect-badge";
import { TimeLeft } from "./time-left";

type Pending = RouterOutputs["approvals"]["listPending"];

export function PendingList({
  query,
  filtered,
  selectedId,
  onSelect,
  onClearFilters,
}: {
  query: UseQueryResult<Pending, unknown>;
  filtered: boolean;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  onClearFilters: () => void;
}) {
  const selectedRef = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: "nearest" });
  }, [selectedId]);

  if (query.isPending) return <Loading label="Loading pending approvals…" />;
  if (query.isError && !query.data) {
    return <ErrorNotice title="Could not load the approvals" message={errorMessage(query.error)} />;
  }
  const { items } = query.data;
  if (items.length === 0) {
    return (
      <div className="lg:col-span-2">
        {filtered ? (
          <EmptyState
            title="No pending approvals match these filters"
            description="Clear the filters to see everything that is waiting."
            action={
              <Button variant="secondary" onClick={onClearFilters}>
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            title="Nothing is waiting for approval"
            description="When an agent asks to do something its grants say a person must approve, it appears here at once."
          />
        )}
      </div>
    );
  }
  return (
    <div className="min-w-0">
      <p className="mb-2 text-xs text-slate-500" aria-label="Keyboard shortcuts">
        Keys: <Key>j</Key> <Key>k</Key> move · <Key>a</Key> approve · <Key>d</Key> deny
      </p>
      {query.isError && (
        <p role="alert" className="mb-2 text-xs text-amber-800">
          Could not refresh just now; retrying…
        </p>
      )}
      <ul className="space-y-2" aria-label="Pending approvals">
        {items.map((item) => {
          const active = item.id === selectedId;
          return (
            <li key={item.id}>
              <button
                ref={active ? selectedRef : undefined}
                type="button"
                onClick={() => onSelect(item.id)}
                aria-current={active ? "true" : undefined}
                data-approval-id={item.id}
                className={cx(
                  "block w-full rounded-lg bg-white px-4 py-3 text-left shadow-sm ring-1 transition-colors",
                  active ? "ring-2 ring-brand-500" : "ring-slate-200 hover:ring-slate-300",
                )}
              >
                <div className="flex items-center justify-between gap-2">
                  <span className="truncate text-sm font-semibold text-slate-900" title={item.agent.name}>
                    {item.agent.name}
                  </span>
                  <TimeLeft secondsLeft={item.secondsLeft} fetchedAt={query.dataUpdatedAt} />
                </div>
                <p className="mt-1 line-clamp-2 break-words text-sm text-slate-700" title={item.summary}>
                  {withoutAgentName(item.summary, item.agent.name)}
                </p>
                <div className="mt-2 flex flex-wrap items-center gap-1.5">
                  <EnvironmentBadge
                    name={item.environment.name}
                    isProduction={item.environment.isProduction}
                  />
                  {item.kind === "plan" ? (
                    <EffectBadge plan />
                  ) : (
                    item.effect && <EffectBadge effect={item.effect} />
                  )}
                  {item.requiredApprovers > 1 && (
                    <span className="text-xs text-slate-500">
                      {item.approveCount} of {item.requiredApprovers} approvals
                    </span>
                  )}
                  {item.votedByMe && <span className="text-xs text-slate-500">· you voted</span>}
                </div>
              </button>
            </li>
          );
        })}
      </ul>
      {query.data.total > items.length && (
        <p className="mt-2 text-xs text-slate-500">
          Showing the {items.length} soonest to expire of {query.data.total}.
        </p>
      )}
    </div>
  );
}

/** The agent's name heads the item already: "Wants to merge pull request #42 in …". */
function withoutAgentName(summary: string, agentName: string): string {
  const prefix = `${agentName} w`;
  return summary.startsWith(prefix) ? `W${summary.slice(prefix.length)}` : summary;
}

function Key({ children }: { children: React.ReactNode }) {
  return (
    <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-[11px] text-slate-700">
      {children}
    </kbd>
  );
}
