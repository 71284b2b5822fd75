"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { EnvironmentBadge } from "@/components/agents/badges";
import { useTRPC } from "@/components/trpc";
import { Button, buttonClass } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState, ErrorNotice, Loading } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { errorMessage } from "@/components/ui/trpc-errors";
import { FilterSelect, FilterToggle } from "@/components/ui/filter-select";
import { useReplaceSearchParams } from "@/components/ui/use-replace-search-params";
import { RUN_STATUS_OPTIONS, RunStatusBadge, type RunStatus } from "./run-badges";
import { describeTrigger, formatDuration } from "./run-text";
import { RUN_TIME_RANGES, isRange } from "./run-time-ranges";

const isStatus = (v: string | null): v is RunStatus => RUN_STATUS_OPTIONS.some((o) => o.value === v);

/** Every run of the org, newest first; filters live in the URL so a view can be shared. */
export function RunsList() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();

  const agentId = params.get("agent") ?? undefined;
  const environmentId = params.get("env") ?? undefined;
  const statusParam = params.get("status");
  const status = isStatus(statusParam) ? statusParam : undefined;
  const range = params.get("range");
  const hasDenials = params.get("denials") === "1" ? true : undefined;
  const hasApprovals = params.get("approvals") === "1" ? true : undefined;
  const since = isRange(range) ? range : undefined;

  const setParam = useReplaceSearchParams();

  const input = {
    ...(agentId ? { agentId } : {}),
    ...(environmentId ? { environmentId } : {}),
    ...(status ? { status } : {}),
    ...(since ? { since } : {}),
    ...(hasDenials ? { hasDenials } : {}),
    ...(hasApprovals ? { hasApprovals } : {}),
  };
  const filtered = Object.keys(input).length > 0;
  const runs = useInfiniteQuery(
    trpc.runs.list.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.nextCursor ?? undefined,
      placeholderData: (prev) => prev,
    }),
  );
  const agents = useQuery(trpc.agents.list.queryOptions({}));
  const environments = useQuery(trpc.environments.list.queryOptions());
  const items = runs.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title="Runs"
        description="Every execution of an agent: what started it, for whom, and every decision Warden made along the way."
        actions={
          agentId && (
            <Link
              href={`/runs/what-if?agent=${encodeURIComponent(agentId)}`}
              className={buttonClass("secondary")}
            >
              What if…
            </Link>
          )
        }
      />
      <div className="mb-4 flex flex-wrap items-center gap-2" role="search" aria-label="Filter runs">
        <FilterSelect
          id="filter-agent"
          label="Agent"
          allLabel="All agents"
          value={agentId ?? ""}
          onChange={(v) => setParam({ agent: v })}
          options={(agents.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
        />
        <FilterSelect
          id="filter-environment"
          label="Environment"
          allLabel="All environments"
          value={environmentId ?? ""}
          onChange={(v) => setParam({ env: v })}
          options={(environments.data ?? []).map((e) => ({ value: e.id, label: e.name }))}
        />
        <FilterSelect
          id="filter-status"
          label="Status"
          allLabel="Any status"
          value={status ?? ""}
          onChange={(v) => setParam({ status: v })}
          options={RUN_STATUS_OPTIONS}
        />
        <FilterSelect
          id="filter-range"
          label="Started"
          allLabel="Any time"
          value={since ?? ""}
          onChange={(v) => setParam({ range: v })}
          options={RUN_TIME_RANGES}
        />
        <FilterToggle
          id="filter-denials"
          label="Has denials"
          checked={hasDenials ?? false}
          onChange={(on) => setParam({ denials: on ? "1" : undefined })}
        />
        <FilterToggle
          id="filter-approvals"
          label="Has approvals"
          checked={hasApprovals ?? false}
          onChange={(on) => setParam({ approvals: on ? "1" : undefined })}
        />
        {filtered && (
          <Button variant="ghost" onClick={() => router.replace(pathname, { scroll: false })}>
            Clear filters
          </Button>
        )}
      </div>

      {runs.isPending ? (
        <Loading label="Loading runs…" />
      ) : runs.isError ? (
        <ErrorNotice title="Could not load runs" message={errorMessage(runs.error)} />
      ) : items.length === 0 ? (
        <EmptyState
          title={filtered ? "No runs match these filters" : "No runs yet"}
          description={
            filtered
              ? "Try a longer time range or clear the filters."
              : "A run appears here when an agent's runtime starts one (POST /api/runs) or asks Warden about a tool call within it."
          }
        />
      ) : (
        <div className={cx(runs.isFetching && !runs.isFetchingNextPage && "opacity-70 transition-opacity")}>
          <Table>
            <thead>
              <tr>
                <Th dense>Run</Th>
                <Th dense>Agent</Th>
                <Th dense>Status</Th>
                <Th dense>Started</Th>
                <Th dense>Took</Th>
                <Th dense className="text-right">
                  Decisions
                </Th>
                <Th dense className="text-right">
                  Denials
                </Th>
                <Th dense className="text-right">
                  Approvals
                </Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((run) => (
                <tr key={run.id} className="hover:bg-slate-50/70">
                  <Td dense className="max-w-[18rem]">
                    <Link
                      href={`/runs/${run.id}`}
                      className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
                    >
                      {describeTrigger(run.trigger)}
                    </Link>
                    <p className="truncate text-xs text-slate-500" title={run.onBehalfOf ?? undefined}>
                      {run.onBehalfOf ? `for ${run.onBehalfOf}` : <span className="font-mono">{run.id}</span>}
                    </p>
                  </Td>
                  <Td dense className="max-w-[14rem]">
                    <p className="truncate font-medium" title={run.agent.name}>
                      {run.agent.name}
                    </p>
                    <EnvironmentBadge
                      name={run.agent.environment.name}
                      isProduction={run.agent.environment.isProduction}
                    />
                  </Td>
                  <Td dense>
                    <RunStatusBadge status={run.status} />
                  </Td>
                  <Td dense className="whitespace-nowrap">
                    <RelativeTime date={run.startedAt} />
                  </Td>
                  <Td dense className="whitespace-nowrap tabular-nums text-slate-600">
                    {run.endedAt ? formatDuration(run.startedAt, run.endedAt) : "—"}
                  </Td>
                  <Td dense className="text-right tabular-nums">
                    {run.counts.decisions}
                  </Td>
                  <Td
                    dense
                    className={cx(
                      "text-right tabular-nums",
                      run.counts.denials > 0 ? "font-semibold text-red-700" : "text-slate-400",
                    )}
                  >
                    {run.counts.denials}
                  </Td>
                  <Td
                    dense
                    className={cx(
                      "text-right tabular-nums",
                      run.counts.approvals > 0 ? "font-semibold text-amber-700" : "text-slate-400",
                    )}
                  >
                    {run.counts.approvals}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <div className="mt-3 flex items-center justify-between text-xs text-slate-500">
            <span>
              {items.length} {items.length === 1 ? "run" : "runs"} shown
              {filtered && " matching these filters"}
            </span>
            {runs.hasNextPage && (
              <Button
                variant="secondary"
                size="sm"
                busy={runs.isFetchingNextPage}
                onClick={() => void runs.fetchNextPage()}
              >
                Load more runs
              </Button>
            )}
          </div>
        </div>
      )}
    </>
  );
}
