import Link from "next/link";
import { DecisionBadge, type DecisionKind } from "@/components/runs/run-badges";
import type { RouterOutputs } from "@/components/trpc";
import { Card } from "@/components/ui/card";
import { formatAbsolute } from "@/components/ui/relative-time";
import { EmptyState, Notice } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";

type Result = RouterOutputs["replay"]["simulate"];

const KINDS: DecisionKind[] = ["allow", "require_approval", "deny"];
const WORD: Record<DecisionKind, string> = {
  allow: "allowed",
  deny: "denied",
  require_approval: "need approval",
};

export function ReplayResults({ result }: { result: Result }) {
  const { totals } = result;
  return (
    <div className="space-y-4" aria-label="Replay results">
      {result.capMessage && <Notice tone="warning">{result.capMessage}</Notice>}
      <Card
        title={
          totals.changed === 0
            ? `No answer would change (${totals.replayed.toLocaleString("en-US")} decisions replayed)`
            : `${totals.changed.toLocaleString("en-US")} of ${totals.replayed.toLocaleString("en-US")} answers would change`
        }
      >
        <div className="grid gap-4 sm:grid-cols-2">
          {(["before", "after"] as const).map((side) => (
            <div key={side}>
              <p className="text-xs font-medium uppercase tracking-wide text-slate-500">
                {side === "before" ? "With the current rules" : "With the draft"}
              </p>
              <ul className="mt-1 space-y-0.5 text-sm">
                {KINDS.map((kind) => (
                  <li key={kind} className="tabular-nums">
                    <span className="font-semibold">{totals[side][kind].toLocaleString("en-US")}</span>{" "}
                    {WORD[kind]}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
        {Object.keys(totals.transitions).length > 0 && (
          <p className="mt-3 text-sm text-slate-600">
            {Object.entries(totals.transitions)
              .map(([transition, n]) => `${n.toLocaleString("en-US")} × ${transition}`)
              .join(" · ")}
          </p>
        )}
      </Card>
      {result.rows.length === 0 ? (
        totals.replayed === 0 ? (
          <EmptyState
            title="Nothing to replay"
            description="There are no recorded decisions in this range."
          />
        ) : null
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                <Th dense>When</Th>
                <Th dense>Action</Th>
                <Th dense>Now</Th>
                <Th dense>With the draft</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {result.rows.map((row) => (
                <tr key={row.decisionId} data-testid="replay-row">
                  <Td dense className="whitespace-nowrap text-xs text-slate-600">
                    {formatAbsolute(row.at)}
                    {row.runId && (
                      <Link href={`/runs/${row.runId}`} className="block text-brand-700 hover:underline">
                        Open run
                      </Link>
                    )}
                  </Td>
                  <Td dense className="max-w-[16rem]">
                    <p className="font-medium">
                      {row.tool} · {row.operation}
                    </p>
                    <code className="block truncate font-mono text-xs text-slate-500" title={row.resource}>
                      {row.resource}
                    </code>
                  </Td>
                  <Td dense>
                    <DecisionBadge decision={row.before.decision} title={row.before.reason} />
                    <p className="font-mono text-[11px] text-slate-500">{row.before.code}</p>
                  </Td>
                  <Td dense className="max-w-[22rem]">
                    <span aria-hidden className="mr-1 text-slate-400">
                      →
                    </span>
                    <DecisionBadge decision={row.after.decision} />
                    <p className="font-mono text-[11px] text-slate-500">{row.after.code}</p>
                    <p className="text-xs text-slate-600">{row.after.reason}</p>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {result.rows.length < totals.changed && (
            <p className="text-xs text-slate-500">
              The first {result.rows.length.toLocaleString("en-US")} changed rows are listed; the totals count
              all of them.
            </p>
          )}
        </>
      )}
    </div>
  );
}
