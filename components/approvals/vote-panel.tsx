"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { type RouterOutputs, useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { Notice } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { errorCode, errorMessage, fieldErrors } from "@/components/ui/trpc-errors";
import { Section } from "./card-sections";
import type { VoteIntent } from "./approval-context-card";

type Card = RouterOutputs["approvals"]["get"];

/**
 * Approve or deny with a comment. The vote carries the version and fingerprint of the card on
 * screen; if anything changed first, the server refuses it and we say so plainly.
 */
export function VotePanel({
  approval,
  intent,
  onIntent,
  onSettled,
}: {
  approval: Card;
  intent: VoteIntent | null;
  onIntent: (intent: VoteIntent | null) => void;
  onSettled: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const commentRef = useRef<HTMLTextAreaElement | null>(null);
  // The version and fingerprint of the card when the approver chose to vote, not a later refresh.
  const seen = useRef({ version: approval.version, cardHash: approval.cardHash });

  useEffect(() => {
    if (intent) {
      seen.current = { version: approval.version, cardHash: approval.cardHash };
      commentRef.current?.focus();
    }
    // Only when the approver picks an intent; refreshes must not move what they vote on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [intent]);

  const vote = useMutation(
    trpc.approvals.vote.mutationOptions({
      onSuccess: (result) => {
        toast(
          result.status === "APPROVED"
            ? "Approved. The agent can go ahead with exactly this action."
            : result.status === "DENIED"
              ? "Denied. The agent has been told."
              : `Your approval is recorded: ${result.approveCount} of ${result.requiredApprovers}. Waiting for another approver.`,
        );
        setComment("");
        onIntent(null);
        void queryClient.invalidateQueries({ queryKey: trpc.approvals.pathKey() });
        onSettled();
      },
      onError: (error) => {
        if (errorCode(error) === "CONFLICT" || errorCode(error) === "PRECONDITION_FAILED") {
          setConflict(
            errorCode(error) === "CONFLICT"
              ? `Someone else decided this first. ${errorMessage(error)}`
              : errorMessage(error),
          );
          onIntent(null);
          void queryClient.invalidateQueries({ queryKey: trpc.approvals.pathKey() });
        } else {
          const fields = fieldErrors(error);
          if (fields.comment) setCommentError(fields.comment);
          else toast(errorMessage(error), "error");
        }
      },
    }),
  );

  function submit() {
    if (!intent) return;
    const text = comment.trim();
    if (intent === "DENY" && !text) {
      setCommentError("Say why you deny it: the agent's owner will read this.");
      commentRef.current?.focus();
      return;
    }
    setCommentError(null);
    setConflict(null);
    vote.mutate({ approvalId: approval.id, vote: intent, comment: text, ...seen.current });
  }

  if (approval.cannotVote) {
    return <Notice tone="warning">{approval.cannotVote}</Notice>;
  }
  return (
    <Section title="Your decision">
      {conflict && (
        <div className="mb-3">
          <Notice tone="warning">{conflict}</Notice>
        </div>
      )}
      {!intent ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button onClick={() => onIntent("APPROVE")} aria-keyshortcuts="a">
            Approve…
          </Button>
          <Button variant="danger-outline" onClick={() => onIntent("DENY")} aria-keyshortcuts="d">
            Deny…
          </Button>
          <span className="text-xs text-slate-500">
            or press <kbd className="font-mono">a</kbd> / <kbd className="font-mono">d</kbd>
          </span>
        </div>
      ) : (
        <form
          className="space-y-3 rounded-md bg-slate-50 p-3 ring-1 ring-inset ring-slate-200"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Field
            label={intent === "APPROVE" ? "Comment (optional)" : "Why deny it?"}
            hint={
              intent === "APPROVE"
                ? "Approving lets the agent do exactly this, once. Ctrl+Enter to confirm, Esc to cancel."
                : "The agent is refused. Ctrl+Enter to confirm, Esc to cancel."
            }
            error={commentError}
          >
            {(props) => (
              <textarea
                {...props}
                ref={commentRef}
                rows={2}
                maxLength={2000}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Escape") onIntent(null);
                  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) submit();
                }}
              />
            )}
          </Field>
          <div className="flex gap-2">
            <Button type="submit" variant={intent === "APPROVE" ? "primary" : "danger"} busy={vote.isPending}>
              {intent === "APPROVE" ? "Confirm approval" : "Confirm denial"}
            </Button>
            <Button variant="ghost" onClick={() => onIntent(null)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </Section>
  );
}

export function VoteList({ votes }: { votes: Card["votes"] }) {
  if (votes.length === 0) return null;
  return (
    <Section title="Votes so far">
      <ul className="space-y-2">
        {votes.map((v) => (
          <li key={v.id} className="text-sm">
            <div className="flex items-center gap-2">
              <Badge tone={v.vote === "APPROVE" ? "green" : "red"}>
                {v.vote === "APPROVE" ? "Approved" : "Denied"}
              </Badge>
              <span className="font-medium text-slate-800">{v.mine ? "You" : v.by.name || v.by.email}</span>
              <RelativeTime date={v.createdAt} className="text-xs text-slate-500" />
            </div>
            {v.comment && (
              <p className="mt-1 whitespace-pre-wrap break-words pl-1 text-slate-700">“{v.comment}”</p>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}
