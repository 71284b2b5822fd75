"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { autonomyExplanation, autonomyLabel } from "@/components/agents/autonomy";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState, ErrorNotice, Loading } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { errorMessage, errorSummary } from "@/components/ui/trpc-errors";
import { GrantCard } from "./grant-card";
import { GrantForm } from "./grant-form";
import type { Grant } from "./types";

/** The grants editor: what this agent may call, on which resources, and when a human approves. */
export function GrantsPanel({
  agentId,
  autonomy,
  isProduction,
  parent,
  editable,
}: {
  agentId: string;
  autonomy: number;
  isProduction: boolean;
  parent: { id: string; name: string } | null;
  editable: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const grants = useQuery(trpc.grants.list.queryOptions({ agentId }));
  const catalog = useQuery(trpc.tools.list.queryOptions());
  // "new" while adding; a grant id while editing that grant; null otherwise.
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Grant | null>(null);

  const remove = useMutation(
    trpc.grants.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.grants.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
        setDeleting(null);
        toast("Grant deleted. Calls it allowed are denied from now on.");
      },
    }),
  );

  const form = (grant: Grant | null) => (
    <GrantForm
      agentId={agentId}
      grant={grant}
      catalog={catalog.data ?? []}
      catalogLoading={catalog.isPending}
      autonomy={autonomy}
      onDone={() => setEditing(null)}
    />
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-base font-semibold text-slate-900">Grants</h2>
          <p className="max-w-3xl text-sm text-slate-500">
            Default deny: without a matching grant, every call is denied. Autonomy{" "}
            <span className="font-medium text-slate-700">{autonomyLabel(autonomy)}</span>:{" "}
            {autonomyExplanation(autonomy)}
          </p>
        </div>
        {editable && editing === null && <Button onClick={() => setEditing("new")}>Add grant</Button>}
      </div>

      {parent && (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600 ring-1 ring-inset ring-slate-200">
          Sub-agent of <span className="font-mono font-medium">{parent.name}</span>: each grant must be
          covered by one of its parent&apos;s grants (the same or a narrower operation pattern and resources).
        </p>
      )}
      {isProduction && editable && (
        <p className="rounded-md bg-red-50 px-3 py-2 text-xs text-red-800 ring-1 ring-inset ring-red-600/20">
          Production agent: prefer narrow resource patterns, a parameter schema, and approvals for anything
          that writes.
        </p>
      )}

      {editing === "new" && form(null)}

      {grants.isPending ? (
        <Loading label="Loading grants…" />
      ) : grants.isError ? (
        <ErrorNotice title="Could not load grants" message={errorMessage(grants.error)} />
      ) : grants.data.length === 0 ? (
        editing !== "new" && (
          <EmptyState
            title="No grants — this agent can do nothing yet"
            description="Add a grant to allow an operation (like github:pulls.*) on specific resources, with limits and approvals."
            action={editable && <Button onClick={() => setEditing("new")}>Add the first grant</Button>}
          />
        )
      ) : (
        <ul className="space-y-3">
          {grants.data.map((grant) => (
            <li key={grant.id}>
              {editing === grant.id ? (
                form(grant)
              ) : (
                <GrantCard
                  grant={grant}
                  autonomy={autonomy}
                  editable={editable && editing === null}
                  onEdit={() => setEditing(grant.id)}
                  onDelete={() => setDeleting(grant)}
                />
              )}
            </li>
          ))}
        </ul>
      )}

      <ConfirmDialog
        open={deleting !== null}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        title="Delete this grant?"
        description={
          deleting && (
            <>
              The agent will no longer be allowed to call{" "}
              <span className="break-all font-mono">{deleting.operationPattern}</span> on{" "}
              <span className="break-all font-mono">{deleting.resourcePatterns.join(", ")}</span>. The change
              is recorded in the audit trail.
            </>
          )
        }
        confirmLabel="Delete grant"
        busy={remove.isPending}
        error={remove.isError ? errorSummary(remove.error) : null}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </div>
  );
}
