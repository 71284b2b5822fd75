import type { RouterOutputs } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { formatAbsolute } from "@/components/ui/relative-time";
import { DecisionBadge } from "./run-badges";
import { ExternalLink } from "./safe-link";

type Entry = RouterOutputs["runs"]["timeline"]["entries"][number];
type DecisionEntry = Extract<Entry, { type: "decision" }>;
type EventEntry = Extract<Entry, { type: "event" }>;
type Approval = NonNullable<DecisionEntry["approval"]>;

const time = (date: Date) => (
  <time dateTime={date.toISOString()} className="shrink-0 tabular-nums text-xs text-slate-500">
    {formatAbsolute(date)}
    <span className="text-slate-400">.{String(date.getMilliseconds()).padStart(3, "0")}</span>
  </time>
);

function Json({ value }: { value: unknown }) {
  return (
    <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs text-slate-700 ring-1 ring-slate-200">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

const DOT = {
  allow: "bg-emerald-500",
  deny: "bg-red-500",
  require_approval: "bg-amber-500",
  OUTCOME: "bg-slate-400",
  SIDE_EFFECT: "bg-brand-500",
  ERROR: "bg-red-600",
  MODEL_CALL: "bg-violet-400",
  NOTE: "bg-slate-300",
} as const;

export function TimelineItem({ entry }: { entry: Entry }) {
  return (
    <li className="relative pl-6" data-entry-type={entry.type}>
      <span
        aria-hidden
        className={cx(
          "absolute left-0 top-1.5 size-2.5 rounded-full ring-4 ring-white",
          DOT[entry.type === "decision" ? entry.decision : entry.kind],
        )}
      />
      {entry.type === "decision" ? <DecisionItem entry={entry} /> : <EventItem entry={entry} />}
    </li>
  );
}

function DecisionItem({ entry }: { entry: DecisionEntry }) {
  const params = entry.params && typeof entry.params === "object" ? Object.keys(entry.params).length : 0;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <p className="min-w-0 text-sm text-slate-800">
          <DecisionBadge decision={entry.decision} />{" "}
          <span className="font-medium text-slate-900">
            {entry.tool} · {entry.operation}
          </span>{" "}
          <span className="text-slate-500">on</span>{" "}
          <code className="break-all font-mono text-xs">{entry.resource}</code>
        </p>
        {time(entry.at)}
      </div>
      <p className="text-sm text-slate-600">{entry.reason}</p>
      <details className="group text-xs text-slate-600">
        <summary className="cursor-pointer select-none text-slate-500 hover:text-slate-800">
          Details{params > 0 ? ` · ${params} parameter${params === 1 ? "" : "s"}` : ""}
          <span className="ml-1 font-mono text-slate-400">{entry.reasonCode}</span>
        </summary>
        <div className="mt-2 space-y-2">
          <p className="text-slate-500">Parameters as stored (after the tool&apos;s redaction rules):</p>
          <Json value={entry.params ?? {}} />
          <dl className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1">
            <dt className="text-slate-500">Decision</dt>
            <dd className="break-all font-mono">{entry.id}</dd>
            <dt className="text-slate-500">Effect</dt>
            <dd>{entry.effect ?? "—"}</dd>
            <dt className="text-slate-500">Grant</dt>
            <dd className="break-all font-mono">{entry.grantId ?? "—"}</dd>
            <dt className="text-slate-500">Policy version</dt>
            <dd>{entry.policyVersion}</dd>
            <dt className="text-slate-500">Answered in</dt>
            <dd>{(entry.latencyMicros / 1000).toFixed(1)} ms</dd>
            {(entry.spendCents > 0 || entry.tokens > 0) && (
              <>
                <dt className="text-slate-500">Cost</dt>
                <dd>
                  {entry.spendCents > 0 && `${(entry.spendCents / 100).toFixed(2)} spend`}
                  {entry.spendCents > 0 && entry.tokens > 0 && " · "}
                  {entry.tokens > 0 && `${entry.tokens.toLocaleString("en-US")} tokens`}
                </dd>
              </>
            )}
            <dt className="text-slate-500">Record hash</dt>
            <dd className="break-all font-mono">{entry.hash}</dd>
          </dl>
        </div>
      </details>
      {entry.approval && <ApprovalBlock approval={entry.approval} />}
    </div>
  );
}

const APPROVAL_TONE: Record<string, "amber" | "green" | "red" | "gray"> = {
  PENDING: "amber",
  APPROVED: "green",
  CONSUMED: "green",
  DENIED: "red",
  EXPIRED: "gray",
  CANCELLED: "gray",
};

function ApprovalBlock({ approval }: { approval: Approval }) {
  return (
    <div className="mt-2 rounded-md bg-amber-50/50 px-3 py-2 ring-1 ring-amber-200" aria-label="Approval">
      <p className="text-sm text-slate-800">
        <span className="font-medium">Approval</span>{" "}
        <Badge tone={APPROVAL_TONE[approval.status] ?? "gray"}>{approval.status.toLowerCase()}</Badge>{" "}
        <span className="text-slate-600">
          — {approval.ruleReason}{" "}
          {approval.requiredApprovers > 1 && `(${approval.requiredApprovers} people needed)`}
        </span>
      </p>
      {approval.votes.length === 0 ? (
        <p className="mt-1 text-xs text-slate-500">
          Nobody voted. {approval.decidedAt ? "" : `It expired ${formatAbsolute(approval.expiresAt)}.`}
        </p>
      ) : (
        <ul className="mt-1 space-y-1.5">
          {approval.votes.map((vote) => (
            <li key={`${vote.voter.email}-${vote.at.toISOString()}`} className="text-sm">
              <span
                className={
                  vote.vote === "APPROVE" ? "font-medium text-emerald-700" : "font-medium text-red-700"
                }
              >
                {vote.vote === "APPROVE" ? "Approved" : "Denied"}
              </span>{" "}
              by <span className="font-medium">{vote.voter.name || vote.voter.email}</span>{" "}
              <span className="text-slate-500">({vote.voter.email})</span>, {formatAbsolute(vote.at)}
              {vote.comment && <q className="ml-1 italic text-slate-700">{vote.comment}</q>}
              <details className="text-xs text-slate-600">
                <summary className="cursor-pointer text-slate-500 hover:text-slate-800">
                  What they were shown
                </summary>
                <Json value={vote.shown} />
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function EventItem({ entry }: { entry: EventEntry }) {
  const data = entry.data && typeof entry.data === "object" ? (entry.data as Record<string, unknown>) : null;
  const kindLabel = typeof data?.kind === "string" ? data.kind : null;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <p className="min-w-0 text-sm text-slate-800">
          {entry.kind === "OUTCOME" && (
            <>
              <span className="font-medium">Outcome:</span>{" "}
              <span className={entry.status === "error" ? "text-red-700" : "text-emerald-700"}>
                {entry.summary || (entry.status === "error" ? "Failed." : "Succeeded.")}
              </span>
            </>
          )}
          {entry.kind === "SIDE_EFFECT" && (
            <>
              <span className="font-medium">Side effect</span>
              {kindLabel && <code className="ml-1 font-mono text-xs text-slate-500">{kindLabel}</code>}
              {entry.summary && <span className="text-slate-700"> — {entry.summary}</span>}
            </>
          )}
          {entry.kind === "ERROR" && (
            <>
              <span className="font-medium text-red-700">Error:</span>{" "}
              <span className="text-red-800">{entry.summary}</span>
              {typeof data?.code === "string" && <code className="ml-1 font-mono text-xs">{data.code}</code>}
            </>
          )}
          {(entry.kind === "MODEL_CALL" || entry.kind === "NOTE") && (
            <>
              <span className="font-medium">{entry.kind === "NOTE" ? "Note" : "Model call"}:</span>{" "}
              {entry.summary}
            </>
          )}
        </p>
        {time(entry.at)}
      </div>
      {entry.externalUrl && (
        <p className="text-sm">
          <ExternalLink url={entry.externalUrl} />
        </p>
      )}
      {entry.resultDigest && (
        <p className="text-xs text-slate-500">
          Result digest <code className="break-all font-mono">{entry.resultDigest}</code>
        </p>
      )}
    </div>
  );
}
