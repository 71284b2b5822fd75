"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { toast } from "@/components/ui/toast";
import { errorMessage, fieldErrors } from "@/components/ui/trpc-errors";
import { ChangeDiff } from "./change-diff";
import type { ChangeRequestItem } from "./types";
import { WithdrawButton } from "./withdraw-button";

const STATUS: Record<ChangeRequestItem["status"], { label: string; tone: Tone }> = {
  PENDING: { label: "Awaiting sign-off", tone: "amber" },
  APPROVED: { label: "Approved", tone: "green" },
  REJECTED: { label: "Rejected", tone: "red" },
  CANCELLED: { label: "Withdrawn", tone: "gray" },
};

const KIND_LABELS: Record<ChangeRequestItem["change"]["kind"], string> = {
  "grant.create": "New grant",
  "grant.update": "Grant change",
  "quota.set": "Quota change",
  "agent.autonomy": "Autonomy change",
};

/** One change request: what it changes (before → after), who asked, and, for security, the decision. */
export function ChangeRequestCard({
  item,
  showAgent = true,
}: {
  item: ChangeRequestItem;
  showAgent?: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState("");
  const decide = useMutation(
    trpc.changeRequests.decide.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.changeRequests.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.grants.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.quotas.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
        toast(
          result.status === "APPROVED"
            ? `Approved: ${item.summary}. It applies to the agent's next request.`
            : `Rejected: ${item.summary}.`,
        );
      },
    }),
  );
  const status = STATUS[item.status];
  const commentError = decide.isError ? fieldErrors(decide.error).comment : undefined;

  return (
    <article
      className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
      aria-label={item.summary}
    >
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
        <div className="min-w-0">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">
            {KIND_LABELS[item.change.kind]}
          </p>
          <h2 className="mt-0.5 break-words text-base font-semibold text-slate-900">{item.summary}</h2>
          <p className="mt-1 text-sm text-slate-500">
            {showAgent && (
              <>
                <Link
                  href={`/agents/${item.agent.id}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {item.agent.name}
                </Link>{" "}
                in <span className="font-medium text-slate-700">{item.agent.environment}</span> ·{" "}
              </>
            )}
            asked by <span className="font-medium text-slate-700">{item.requestedBy || "unknown"}</span>{" "}
            <RelativeTime date={item.createdAt} />
          </p>
        </div>
        <Badge tone={status.tone}>{status.label}</Badge>
      </header>
      <div className="px-5 py-3">
        <ChangeDiff item={item} />
      </div>
      {item.status !== "PENDING" && (
        <footer className="border-t border-slate-100 px-5 py-3 text-sm text-slate-600">
          {status.label} by <span className="font-medium text-slate-800">{item.decidedBy ?? "—"}</span>{" "}
          <RelativeTime date={item.decidedAt} />
          {item.comment && <p className="mt-1 break-words text-slate-700">“{item.comment}”</p>}
        </footer>
      )}
      {item.status === "PENDING" && item.canDecide && (
        <footer className="space-y-3 border-t border-slate-100 bg-slate-50 px-5 py-4">
          <div className="space-y-1">
            <label htmlFor={`comment-${item.id}`} className="block text-sm font-medium text-slate-800">
              Comment <span className="font-normal text-slate-500">(required to reject)</span>
            </label>
            <textarea
              id={`comment-${item.id}`}
              rows={2}
              maxLength={1000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              className={controlClass}
              aria-invalid={commentError ? true : undefined}
              placeholder="Why you approve or reject it; the requester and the audit trail see this."
            />
            {commentError && (
              <p role="alert" className="text-xs font-medium text-red-600">
                {commentError}
              </p>
            )}
          </div>
          {decide.isError && !commentError && (
            <p role="alert" className="text-sm font-medium text-red-700">
              {errorMessage(decide.error)}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button
              variant="danger-outline"
              busy={decide.isPending && decide.variables.decision === "REJECT"}
              disabled={decide.isPending}
              onClick={() => decide.mutate({ id: item.id, decision: "REJECT", comment })}
            >
              Reject
            </Button>
            <Button
              busy={decide.isPending && decide.variables.decision === "APPROVE"}
              disabled={decide.isPending}
              onClick={() => decide.mutate({ id: item.id, decision: "APPROVE", comment })}
            >
              Approve and apply
            </Button>
          </div>
        </footer>
      )}
      {item.status === "PENDING" && !item.canDecide && (
        <footer className="space-y-3 border-t border-slate-100 px-5 py-3 text-sm text-slate-500">
          <p>
            Waiting for someone in security to approve or reject it. The requester cannot approve their own
            change{item.canWithdraw ? ", but can withdraw it while it waits." : "."}
          </p>
          {item.canWithdraw && <WithdrawButton item={item} />}
        </footer>
      )}
      {item.status === "PENDING" && item.canDecide && item.canWithdraw && (
        <footer className="border-t border-slate-100 px-5 py-3">
          <WithdrawButton item={item} />
        </footer>
      )}
    </article>
  );
}
