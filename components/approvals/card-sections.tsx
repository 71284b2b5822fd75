"use client";

import type { RouterOutputs } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";

type Card = RouterOutputs["approvals"]["get"];
type PlanAction = Extract<Card["card"]["action"], { kind: "plan" }>;

export function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section>
      <h3 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
    </section>
  );
}

/** Parameters exactly as approved: pretty JSON, long values wrapped, never truncated. */
export function ParamsBlock({ value }: { value: unknown }) {
  const text = JSON.stringify(value, null, 2);
  return (
    <pre className="max-h-72 overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800 ring-1 ring-inset ring-slate-200">
      {text === "{}" ? "{} (no parameters)" : text}
    </pre>
  );
}

const money = (cents: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);

export function PlanSteps({ steps, budget }: { steps: PlanAction["steps"]; budget: PlanAction["budget"] }) {
  const limits = [
    budget.calls !== undefined && `${budget.calls.toLocaleString("en-US")} calls`,
    budget.spendCents !== undefined && `${money(budget.spendCents)} of spend`,
    budget.tokens !== undefined && `${budget.tokens.toLocaleString("en-US")} model tokens`,
  ].filter(Boolean);
  return (
    <>
      <Section title={`The plan: ${steps.length} ${steps.length === 1 ? "step" : "steps"}`}>
        <ol className="space-y-2" aria-label="Plan steps">
          {steps.map((step, i) => (
            <li key={i} className="rounded-md px-3 py-2 ring-1 ring-inset ring-slate-200">
              <p className="text-sm text-slate-900">
                <span className="mr-2 font-semibold text-slate-500">{i + 1}.</span>
                {step.summary}
              </p>
              <p className="mt-0.5 font-mono text-xs text-slate-500">
                {step.tool} · {step.operation} · {step.resource}
              </p>
              {JSON.stringify(step.params) !== "{}" && (
                <div className="mt-1.5">
                  <ParamsBlock value={step.params} />
                </div>
              )}
            </li>
          ))}
        </ol>
      </Section>
      <Section title="Budget">
        <p className="text-sm text-slate-800">
          {limits.length ? `At most ${limits.join(", ")} for the whole plan.` : "The plan sets no budget."}
        </p>
      </Section>
    </>
  );
}

const OUTCOME_TONE = { ALLOW: "green", DENY: "red", REQUIRE_APPROVAL: "amber" } as const;
const OUTCOME_WORD = { ALLOW: "Allowed", DENY: "Denied", REQUIRE_APPROVAL: "Asked approval" } as const;

type Decision = Card["history"]["recentDecisions"][number];

function DecisionLine({ d }: { d: Decision }) {
  return (
    <div className="flex min-w-0 items-center gap-2 text-sm">
      <Badge tone={OUTCOME_TONE[d.outcome]} title={d.reasonMessage}>
        {OUTCOME_WORD[d.outcome]}
      </Badge>
      <span
        className="min-w-0 truncate font-mono text-xs text-slate-700"
        title={`${d.tool} ${d.operation} ${d.resource}`}
      >
        {d.tool} {d.operation} · {d.resource}
      </span>
      <RelativeTime date={d.createdAt} className="ml-auto shrink-0 text-xs text-slate-500" />
    </div>
  );
}

export function RunSoFar({ run, approvalDecisionHint }: { run: Card["run"]; approvalDecisionHint: string }) {
  if (!run) {
    return (
      <Section title="The run so far">
        <p className="text-sm text-slate-500">This request was not made inside a run.</p>
      </Section>
    );
  }
  return (
    <Section title="The run so far">
      <p className="mb-2 text-xs text-slate-500">
        Run <span className="font-mono">{run.id}</span> started <RelativeTime date={run.startedAt} />
        {run.onBehalfOf && <> for {run.onBehalfOf}</>}
      </p>
      {run.items.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing else has happened in this run yet.</p>
      ) : (
        <ol className="space-y-1.5">
          {run.items.map((item) =>
            item.type === "decision" ? (
              <li
                key={item.decision.id}
                className={item.decision.approvalId === approvalDecisionHint ? "opacity-60" : ""}
              >
                <DecisionLine d={item.decision} />
              </li>
            ) : (
              <li key={item.event.id} className="flex items-center gap-2 text-sm">
                <Badge tone={item.event.status === "error" ? "red" : "gray"}>
                  {item.event.kind.replace("_", " ").toLowerCase()}
                </Badge>
                <span className="min-w-0 truncate text-slate-700">
                  {item.event.summary || item.event.status || "—"}
                </span>
                {item.event.externalUrl && (
                  <a
                    href={item.event.externalUrl}
                    target="_blank"
                    rel="noreferrer noopener"
                    className="shrink-0 text-xs text-brand-700 hover:underline"
                  >
                    link
                  </a>
                )}
                <RelativeTime
                  date={item.event.createdAt}
                  className="ml-auto shrink-0 text-xs text-slate-500"
                />
              </li>
            ),
          )}
        </ol>
      )}
    </Section>
  );
}

export function AgentHistory({ history }: { history: Card["history"] }) {
  return (
    <Section title="This agent recently">
      <p className="mb-2 text-sm text-slate-700">
        In the last {history.days} days: {history.approved} approved, {history.denied} denied,{" "}
        {history.expired} expired unanswered.
      </p>
      {history.recentDecisions.length === 0 ? (
        <p className="text-sm text-slate-500">No earlier decisions outside this run.</p>
      ) : (
        <ol className="space-y-1.5">
          {history.recentDecisions.map((d) => (
            <li key={d.id}>
              <DecisionLine d={d} />
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
