"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC, type RouterInputs } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { controlClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { ErrorNotice, Loading, Notice } from "@/components/ui/states";
import { errorIssues, errorMessage } from "@/components/ui/trpc-errors";
import { ReplayResults } from "./replay-results";

type SimulateInput = RouterInputs["replay"]["simulate"];

/**
 * What if: edit a draft of an agent's grants and quotas and see which recorded answers would
 * change — for one run, or the agent's last N days. Nothing is applied.
 */
export function WhatIfPage() {
  const trpc = useTRPC();
  const params = useSearchParams();
  const agentId = params.get("agent") ?? "";
  const runId = params.get("run");
  const draftId = useId();
  const daysId = useId();

  const current = useQuery({
    ...trpc.replay.currentDraft.queryOptions({ agentId }),
    enabled: agentId !== "",
  });
  // null until edited: the draft starts as the agent's current grants and quotas.
  const [edited, setDraft] = useState<string | null>(null);
  const [scopeKind, setScopeKind] = useState<"run" | "days">(runId ? "run" : "days");
  const [days, setDays] = useState("7");
  const [submitted, setSubmitted] = useState<SimulateInput | null>(null);

  const result = useQuery({
    ...trpc.replay.simulate.queryOptions(
      submitted ?? { agentId, draft: "", scope: { kind: "days", days: 1 } },
    ),
    enabled: submitted !== null,
    retry: false,
  });

  if (!agentId) {
    return (
      <ErrorNotice
        title="Choose an agent first"
        message="Open What if… from a run's page, or from the runs list filtered to one agent."
      />
    );
  }
  if (current.isPending) return <Loading label="Loading the agent's grants and quotas…" />;
  if (current.isError)
    return <ErrorNotice title="Could not load this agent" message={errorMessage(current.error)} />;

  const draft = edited ?? current.data.text;
  const daysNumber = Number(days);
  const daysProblem =
    scopeKind === "days" && !(Number.isInteger(daysNumber) && daysNumber >= 1 && daysNumber <= 30)
      ? "Choose a whole number of days from 1 to 30."
      : null;
  const issues = result.isError ? errorIssues(result.error) : [];

  function replay() {
    if (daysProblem) return;
    setSubmitted({
      agentId,
      draft,
      scope: scopeKind === "run" && runId ? { kind: "run", runId } : { kind: "days", days: daysNumber },
    });
  }

  return (
    <>
      <PageHeader
        breadcrumb={
          runId ? (
            <Link href={`/runs/${runId}`} className="hover:text-slate-800 hover:underline">
              ← Back to the run
            </Link>
          ) : (
            <Link href={`/runs?agent=${agentId}`} className="hover:text-slate-800 hover:underline">
              ← Runs of {current.data.agent.name}
            </Link>
          )
        }
        title={`What if… ${current.data.agent.name} had other grants?`}
        description="Edit the agent's grants and quotas below and replay recorded decisions against them. You see which answers would change before anything is applied — nothing here changes the agent."
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,26rem)_minmax(0,1fr)]">
        <Card
          title="Draft"
          description="Same format as a fleet file. Start from the current grants and quotas."
        >
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              replay();
            }}
          >
            <div className="space-y-1">
              <label htmlFor={draftId} className="block text-sm font-medium text-slate-800">
                Grants and quotas (YAML or JSON)
              </label>
              <textarea
                id={draftId}
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                rows={18}
                spellCheck={false}
                aria-invalid={issues.length > 0 ? true : undefined}
                className={cx(
                  controlClass,
                  "font-mono text-xs leading-5",
                  issues.length > 0 && "ring-red-400",
                )}
              />
              {issues.length > 0 && (
                <ul role="alert" className="space-y-0.5 text-xs font-medium text-red-600">
                  {issues.map((issue) => (
                    <li key={`${issue.path}:${issue.message}`}>
                      <code className="font-mono">{issue.path}</code> {issue.message}
                    </li>
                  ))}
                </ul>
              )}
              <button
                type="button"
                className="text-xs text-brand-700 hover:underline"
                onClick={() => setDraft(null)}
              >
                Reset to the current grants and quotas
              </button>
            </div>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-slate-800">Replay</legend>
              {runId && (
                <label className="flex items-center gap-2 text-sm">
                  <input type="radio" checked={scopeKind === "run"} onChange={() => setScopeKind("run")} />
                  This run&apos;s decisions
                </label>
              )}
              <label className="flex flex-wrap items-center gap-2 text-sm">
                <input type="radio" checked={scopeKind === "days"} onChange={() => setScopeKind("days")} />
                The agent&apos;s last
                <input
                  id={daysId}
                  aria-label="Number of days"
                  type="number"
                  min={1}
                  max={30}
                  value={days}
                  onChange={(e) => {
                    setDays(e.target.value);
                    setScopeKind("days");
                  }}
                  className={cx(
                    "w-20 rounded-md border-0 bg-white px-2 py-1 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500",
                    daysProblem && "ring-red-400",
                  )}
                  aria-invalid={daysProblem ? true : undefined}
                />
                days (at most 30)
              </label>
              {daysProblem && (
                <p role="alert" className="text-xs font-medium text-red-600">
                  {daysProblem}
                </p>
              )}
            </fieldset>
            <Button type="submit" busy={result.isFetching} disabled={daysProblem !== null}>
              Replay decisions
            </Button>
          </form>
        </Card>
        <div className="min-w-0 space-y-4">
          <Notice tone="info">
            Decisions are re-evaluated with the parameters <strong>as stored</strong>: where a tool&apos;s
            redaction rules removed or fingerprinted a value, the replay sees the redacted value. Quotas are
            counted from zero, in order, within the replayed decisions only. Kill switches (paused agents,
            frozen environments) are not replayed: this shows what grants and quotas change.
          </Notice>
          {submitted === null ? (
            <p className="text-sm text-slate-500">Edit the draft, then replay to see what would change.</p>
          ) : result.isPending || result.isFetching ? (
            <Loading label="Replaying decisions…" />
          ) : result.isError ? (
            <ErrorNotice title="Could not replay" message={errorMessage(result.error)} />
          ) : (
            <ReplayResults result={result.data} />
          )}
        </div>
      </div>
    </>
  );
}
