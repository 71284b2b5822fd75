"use client";

import { useQuery } from "@tanstack/react-query";
import { EnvironmentBadge } from "@/components/agents/badges";
import { useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { ErrorNotice, Loading, Notice } from "@/components/ui/states";
import { errorMessage } from "@/components/ui/trpc-errors";
import { AgentHistory, ParamsBlock, PlanSteps, RunSoFar, Section } from "./card-sections";
import { EffectBadge } from "./effect-badge";
import { TimeLeft } from "./time-left";
import { VotePanel, VoteList } from "./vote-panel";

export type VoteIntent = "APPROVE" | "DENY";

const SETTLED_WORDS: Record<string, string> = {
  APPROVED: "This approval has been approved.",
  DENIED: "This approval has been denied.",
  EXPIRED: "This approval expired before anyone decided it; the agent must ask again.",
  CANCELLED: "This approval was cancelled because its agent was decommissioned.",
  CONSUMED: "This approval was approved and the agent has used it.",
};

/** Everything an approver needs to decide, in words first and exact parameters second. */
export function ApprovalContextCard({
  approvalId,
  intent,
  onIntent,
}: {
  approvalId: string;
  intent: VoteIntent | null;
  onIntent: (intent: VoteIntent | null) => void;
}) {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.approvals.get.queryOptions({ id: approvalId }), refetchInterval: 1000 });
  if (query.isPending) return <Loading label="Loading the approval…" />;
  if (query.isError && !query.data) {
    return <ErrorNotice title="Could not load this approval" message={errorMessage(query.error)} />;
  }
  const a = query.data;
  const { card } = a;
  const settled = a.status !== "PENDING";
  return (
    <article
      aria-label="Approval details"
      className="min-w-0 rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
      data-approval-id={a.id}
    >
      <header className="border-b border-slate-100 px-5 py-4">
        <div className="flex flex-wrap items-center gap-2">
          <EnvironmentBadge name={card.blastRadius.environment} isProduction={card.blastRadius.production} />
          {card.action.kind === "plan" ? (
            <EffectBadge plan />
          ) : (
            card.blastRadius.effect && <EffectBadge effect={card.blastRadius.effect} />
          )}
          {a.requiredApprovers > 1 && (
            <Badge tone="amber" title="Two-person rule: this many different people must approve">
              {a.approveCount} of {a.requiredApprovers} approvals
            </Badge>
          )}
          <span className="ml-auto">
            {settled ? (
              <Badge tone={a.status === "DENIED" ? "red" : a.status === "EXPIRED" ? "gray" : "green"}>
                {a.status.charAt(0) + a.status.slice(1).toLowerCase()}
              </Badge>
            ) : (
              <TimeLeft secondsLeft={a.secondsLeft} fetchedAt={query.dataUpdatedAt} className="text-sm" />
            )}
          </span>
        </div>
        <h2 className="mt-3 break-words text-lg font-semibold leading-snug text-slate-900">{card.summary}</h2>
        <p className="mt-1 text-sm text-slate-500">
          Agent <span className="font-medium text-slate-700">{a.agent.name}</span>
          {a.agent.purpose && <> — {a.agent.purpose}</>} · owned by{" "}
          {a.agent.owner.name || a.agent.owner.email}
          {card.onBehalfOf && (
            <>
              {" "}
              · acting for <span className="font-medium text-slate-700">{card.onBehalfOf}</span>
            </>
          )}
        </p>
      </header>

      <div className="space-y-5 px-5 py-4">
        {settled && (
          <Notice tone={a.status === "DENIED" ? "warning" : "info"}>{SETTLED_WORDS[a.status]}</Notice>
        )}

        <Section title="Why a person must decide">
          <p className="text-sm text-slate-800">{card.ruleReason}</p>
        </Section>

        <Section title="What could be affected">
          <ul className="space-y-1 text-sm text-slate-800">
            <li>
              {card.action.kind === "plan"
                ? "Several actions, each listed below; nothing outside this list is covered."
                : (card.blastRadius.effectMeaning ?? "The effect of this operation is not recorded.")}
            </li>
            <li>
              {card.blastRadius.production ? (
                <span className="font-medium text-red-700">
                  Production: the {card.blastRadius.environment} environment, with real customers and data.
                </span>
              ) : (
                <>The {card.blastRadius.environment} environment (not production).</>
              )}
            </li>
          </ul>
        </Section>

        {card.action.kind === "plan" ? (
          <PlanSteps steps={card.action.steps} budget={card.action.budget} />
        ) : (
          <Section title="Exact request">
            <p className="mb-2 font-mono text-xs text-slate-600">
              {card.action.tool} · {card.action.operation} · {card.action.resource}
            </p>
            <ParamsBlock value={card.action.params} />
          </Section>
        )}

        {!settled && (
          <VotePanel
            approval={a}
            intent={intent}
            onIntent={onIntent}
            onSettled={() => void query.refetch()}
          />
        )}
        <VoteList votes={a.votes} />
        <RunSoFar run={a.run} approvalDecisionHint={a.id} />
        <AgentHistory history={a.history} />
      </div>
    </article>
  );
}
