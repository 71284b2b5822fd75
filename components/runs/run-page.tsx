"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { EnvironmentBadge } from "@/components/agents/badges";
import { useTRPC, type RouterOutputs } from "@/components/trpc";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { formatAbsolute } from "@/components/ui/relative-time";
import { EmptyState, ErrorNotice, Loading } from "@/components/ui/states";
import { errorMessage } from "@/components/ui/trpc-errors";
import { RunStatusBadge } from "./run-badges";
import { describeTrigger, formatDuration, plural } from "./run-text";
import { ExternalLink } from "./safe-link";
import { TimelineItem } from "./timeline-items";

type Run = RouterOutputs["runs"]["get"];

/** One run, told in time order: how it started, every decision and outcome, how it ended. */
export function RunPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const run = useQuery(trpc.runs.get.queryOptions({ id }));
  if (run.isPending) return <Loading label="Loading run…" />;
  if (run.isError) return <ErrorNotice title="Could not load this run" message={errorMessage(run.error)} />;
  const r = run.data;
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/runs" className="hover:text-slate-800 hover:underline">
            ← Runs
          </Link>
        }
        title={describeTrigger(r.trigger)}
        description={
          <>
            A run of{" "}
            <Link href={`/agents/${r.agent.id}`} className="font-medium text-brand-700 hover:underline">
              {r.agent.name}
            </Link>{" "}
            <EnvironmentBadge
              name={r.agent.environment.name}
              isProduction={r.agent.environment.isProduction}
            />{" "}
            <RunStatusBadge status={r.status} />
          </>
        }
        actions={
          <>
            <Link href={`/runs/what-if?agent=${r.agent.id}&run=${r.id}`} className={buttonClass("secondary")}>
              What if…
            </Link>
            <Link href={`/incidents?from=run:${r.id}`} className={buttonClass("secondary")}>
              Open incident
            </Link>
            <a href={`/api/export/runs/${r.id}?format=json`} download className={buttonClass("secondary")}>
              Export JSON
            </a>
            <a href={`/api/export/runs/${r.id}?format=jsonl`} download className={buttonClass("secondary")}>
              Export JSONL
            </a>
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card title="What happened" description={storySummary(r)}>
          <Timeline run={r} />
        </Card>
        <RunFacts run={r} />
      </div>
    </>
  );
}

function storySummary(r: Run): string {
  const parts = [
    plural(r.counts.decisions, "decision"),
    plural(r.counts.denials, "denial"),
    plural(r.counts.approvals, "approval"),
    plural(r.counts.sideEffects, "side effect"),
  ];
  if (r.counts.errors > 0) parts.push(plural(r.counts.errors, "error"));
  return `${parts.join(" · ")}, in time order.`;
}

function RunFacts({ run: r }: { run: Run }) {
  const hash = r.model.systemPromptHash;
  return (
    <div className="space-y-6">
      <Card title="Started by">
        <DescriptionList
          narrow
          items={[
            { label: "Trigger", value: describeTrigger(r.trigger) },
            ...(r.trigger?.url ? [{ label: "Link", value: <ExternalLink url={r.trigger.url} /> }] : []),
            {
              label: "On behalf of",
              value: r.onBehalfOf ?? <span className="text-slate-400">Not stated</span>,
            },
            { label: "Started", value: formatAbsolute(r.startedAt) },
            {
              label: "Ended",
              value: r.endedAt
                ? `${formatAbsolute(r.endedAt)} (${formatDuration(r.startedAt, r.endedAt)})`
                : "Still running",
            },
          ]}
        />
      </Card>
      <Card title="Model" description="What the agent ran on, as its runtime reported.">
        <DescriptionList
          narrow
          items={[
            { label: "Provider", value: r.model.provider ?? "—" },
            { label: "Model", value: r.model.name ?? "—" },
            {
              label: "System prompt",
              value: hash ? (
                <code className="break-all font-mono text-xs" title="Hash of the system prompt">
                  {hash}
                </code>
              ) : (
                "—"
              ),
            },
            { label: "Tool schemas", value: r.model.toolSchemaVersion ?? "—" },
          ]}
        />
      </Card>
    </div>
  );
}

function Timeline({ run }: { run: Run }) {
  const trpc = useTRPC();
  const timeline = useInfiniteQuery(
    trpc.runs.timeline.infiniteQueryOptions(
      { runId: run.id },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  if (timeline.isPending) return <Loading label="Loading the story…" />;
  if (timeline.isError)
    return <ErrorNotice title="Could not load the timeline" message={errorMessage(timeline.error)} />;
  const entries = timeline.data.pages.flatMap((p) => p.entries);
  const total = run.counts.decisions + run.counts.events;
  return (
    <div>
      <ol
        className="relative space-y-5 border-l border-slate-200 pl-0 [&>li]:-ml-[5px]"
        aria-label="Run timeline"
      >
        <li className="relative pl-6">
          <span
            aria-hidden
            className="absolute left-0 top-1.5 size-2.5 rounded-full bg-brand-600 ring-4 ring-white"
          />
          <p className="text-sm text-slate-800">
            <span className="font-medium">Run started</span> — {describeTrigger(run.trigger)}
            {run.onBehalfOf && (
              <>
                {" "}
                on behalf of <span className="font-medium">{run.onBehalfOf}</span>
              </>
            )}
            {run.model.name && (
              <>
                , using {run.model.provider ? `${run.model.provider} ` : ""}
                {run.model.name}
              </>
            )}
            .
          </p>
          <p className="text-xs text-slate-500">{formatAbsolute(run.startedAt)}</p>
        </li>
        {entries.length === 0 && (
          <li className="pl-6">
            <EmptyState
              title="No decisions in this run"
              description="The agent asked Warden nothing during this run."
            />
          </li>
        )}
        {entries.map((entry) => (
          <TimelineItem key={entry.id} entry={entry} />
        ))}
        {!timeline.hasNextPage && run.endedAt && (
          <li className="relative pl-6">
            <span
              aria-hidden
              className="absolute left-0 top-1.5 size-2.5 rounded-full bg-slate-700 ring-4 ring-white"
            />
            <p className="text-sm text-slate-800">
              <span className="font-medium">Run ended</span> — <RunStatusBadge status={run.status} />
              {run.summary && <span className="ml-1 text-slate-700">{run.summary}</span>}
            </p>
            <p className="text-xs text-slate-500">{formatAbsolute(run.endedAt)}</p>
          </li>
        )}
      </ol>
      {timeline.hasNextPage && (
        <div className="mt-5 flex items-center gap-3 border-t border-slate-100 pt-4">
          <Button
            variant="secondary"
            busy={timeline.isFetchingNextPage}
            onClick={() => void timeline.fetchNextPage()}
          >
            Load more
          </Button>
          <span className="text-xs text-slate-500">
            Showing {entries.length.toLocaleString("en-US")} of {total.toLocaleString("en-US")} entries
          </span>
        </div>
      )}
    </div>
  );
}
