"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { EnvironmentBadge } from "@/components/agents/badges";
import { type RouterInputs, useTRPC } from "@/components/trpc";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState, ErrorNotice, Loading } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { errorMessage } from "@/components/ui/trpc-errors";
import { EffectBadge } from "./effect-badge";

const STATUS: Record<string, { tone: Tone; label: string }> = {
  APPROVED: { tone: "green", label: "Approved, not yet used" },
  CONSUMED: { tone: "green", label: "Approved and used" },
  DENIED: { tone: "red", label: "Denied" },
  EXPIRED: { tone: "gray", label: "Expired" },
  CANCELLED: { tone: "gray", label: "Cancelled" },
  PENDING: { tone: "amber", label: "Pending" },
};

type HistoryInput = Omit<RouterInputs["approvals"]["listHistory"], "cursor">;

/** Decided approvals, newest first: what was asked, the outcome, and who voted, when and why. */
export function ApprovalHistory({ input }: { input: HistoryInput }) {
  const trpc = useTRPC();
  const history = useInfiniteQuery(
    trpc.approvals.listHistory.infiniteQueryOptions(
      { ...input, limit: 30 },
      { getNextPageParam: (page) => page.nextCursor, refetchInterval: 5000 },
    ),
  );
  if (history.isPending) return <Loading label="Loading decided approvals…" />;
  if (history.isError)
    return <ErrorNotice title="Could not load the history" message={errorMessage(history.error)} />;
  const items = history.data.pages.flatMap((p) => p.items);
  if (items.length === 0) {
    return (
      <div className="mt-4">
        <EmptyState
          title="No decided approvals yet"
          description="Approvals appear here once someone approves or denies them, or when they expire unanswered."
        />
      </div>
    );
  }
  return (
    <div className="mt-4">
      <Table>
        <thead>
          <tr>
            <Th dense>Request</Th>
            <Th dense>Outcome</Th>
            <Th dense>Votes</Th>
            <Th dense>Asked</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((item) => {
            const status = STATUS[item.status] ?? STATUS.PENDING!;
            return (
              <tr key={item.id} className="align-top">
                <Td dense className="max-w-[28rem]">
                  <p className="break-words text-sm text-slate-900">{item.summary}</p>
                  <div className="mt-1 flex flex-wrap items-center gap-1.5">
                    <EnvironmentBadge
                      name={item.environment.name}
                      isProduction={item.environment.isProduction}
                    />
                    {item.kind === "plan" ? (
                      <EffectBadge plan />
                    ) : (
                      item.effect && <EffectBadge effect={item.effect} />
                    )}
                  </div>
                </Td>
                <Td dense className="whitespace-nowrap">
                  <Badge tone={status.tone}>{status.label}</Badge>
                  {item.decidedAt && (
                    <p className="mt-1 text-xs text-slate-500">
                      <RelativeTime date={item.decidedAt} />
                    </p>
                  )}
                </Td>
                <Td dense className="max-w-[22rem]">
                  {item.votes.length === 0 ? (
                    <span className="text-sm text-slate-400">No votes</span>
                  ) : (
                    <ul className="space-y-1.5">
                      {item.votes.map((v) => (
                        <li key={v.id} className="text-sm">
                          <span className={v.vote === "APPROVE" ? "text-emerald-700" : "text-red-700"}>
                            {v.vote === "APPROVE" ? "✓" : "✗"}
                          </span>{" "}
                          <span className="font-medium text-slate-800" title={v.by.email}>
                            {v.by.name || v.by.email}
                          </span>{" "}
                          <RelativeTime date={v.createdAt} className="text-xs text-slate-500" />
                          {v.comment && <p className="break-words text-xs text-slate-600">“{v.comment}”</p>}
                        </li>
                      ))}
                    </ul>
                  )}
                </Td>
                <Td dense className="whitespace-nowrap text-sm text-slate-600">
                  <RelativeTime date={item.createdAt} />
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      {history.hasNextPage && (
        <div className="mt-3">
          <Button
            variant="secondary"
            busy={history.isFetchingNextPage}
            onClick={() => void history.fetchNextPage()}
          >
            Show older
          </Button>
        </div>
      )}
    </div>
  );
}
