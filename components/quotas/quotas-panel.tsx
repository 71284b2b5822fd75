"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState, ErrorNotice, Loading } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { announceScopeChange } from "@/components/change-requests/sign-off";
import { errorMessage, errorSummary } from "@/components/ui/trpc-errors";
import { formatAmount, METRICS, metricLabel, WINDOWS, windowLabel } from "./quota-labels";
import { QuotaForm, type ExistingQuota } from "./quota-form";
import { UsageBar } from "./usage-bar";

const order = (q: ExistingQuota) =>
  METRICS.findIndex((m) => m.value === q.metric) * 10 + WINDOWS.findIndex((w) => w.value === q.window);

/** Caps per metric and window, with the current window's usage. */
export function QuotasPanel({ agentId, editable }: { agentId: string; editable: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const quotas = useQuery(trpc.quotas.list.queryOptions({ agentId }));
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ExistingQuota | null>(null);
  const remove = useMutation(
    trpc.quotas.delete.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.quotas.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.changeRequests.pathKey() });
        setDeleting(null);
        announceScopeChange(result, "Quota removed.");
      },
    }),
  );
  const rows = [...(quotas.data ?? [])].sort((a, b) => order(a) - order(b));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 className="text-base font-semibold text-slate-900">Quotas</h2>
          <p className="text-sm text-slate-500">
            Caps on what this agent may consume. A call that would exceed one is denied (QUOTA_EXCEEDED).
          </p>
        </div>
        {editable && editing === null && <Button onClick={() => setEditing("new")}>Add quota</Button>}
      </div>

      {editing === "new" && (
        <QuotaForm agentId={agentId} quota={null} existing={rows} onDone={() => setEditing(null)} />
      )}

      {quotas.isPending ? (
        <Loading label="Loading quotas…" />
      ) : quotas.isError ? (
        <ErrorNotice title="Could not load quotas" message={errorMessage(quotas.error)} />
      ) : rows.length === 0 ? (
        editing !== "new" && (
          <EmptyState
            title="No quotas"
            description="Without quotas, only grants and approvals limit this agent. Add caps like 50 calls per run or $50 of spend per day."
            action={editable && <Button onClick={() => setEditing("new")}>Add the first quota</Button>}
          />
        )
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Metric</Th>
              <Th>Window</Th>
              <Th className="text-right">Limit</Th>
              <Th className="w-1/3">Usage</Th>
              {editable && <Th className="text-right">Actions</Th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((q) =>
              editing === q.id ? (
                <tr key={q.id}>
                  <td colSpan={editable ? 5 : 4} className="p-3">
                    <QuotaForm agentId={agentId} quota={q} existing={rows} onDone={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <tr key={q.id}>
                  <Td>
                    <p className="font-medium text-slate-900">{metricLabel(q.metric)}</p>
                    <p className="text-xs text-slate-500">
                      {METRICS.find((m) => m.value === q.metric)?.description}
                    </p>
                  </Td>
                  <Td>{windowLabel(q.window)}</Td>
                  <Td className="text-right font-medium tabular-nums text-slate-900">
                    {formatAmount(q.metric, q.limit)}
                  </Td>
                  <Td>
                    <UsageBar metric={q.metric} used={q.used} limit={q.limit} window={q.window} />
                  </Td>
                  {editable && (
                    <Td className="whitespace-nowrap text-right">
                      <div className="flex justify-end gap-1.5">
                        <Button
                          size="sm"
                          variant="secondary"
                          disabled={editing !== null}
                          onClick={() => setEditing(q.id)}
                          aria-label={`Edit quota ${metricLabel(q.metric)} ${windowLabel(q.window)}`}
                        >
                          Edit
                        </Button>
                        <Button
                          size="sm"
                          variant="danger-ghost"
                          onClick={() => setDeleting(q)}
                          aria-label={`Delete quota ${metricLabel(q.metric)} ${windowLabel(q.window)}`}
                        >
                          Delete
                        </Button>
                      </div>
                    </Td>
                  )}
                </tr>
              ),
            )}
          </tbody>
        </Table>
      )}

      <ConfirmDialog
        open={deleting !== null}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        title="Remove this quota?"
        description={
          deleting &&
          `The cap on ${metricLabel(deleting.metric).toLowerCase()} ${windowLabel(deleting.window)} is lifted immediately.`
        }
        confirmLabel="Remove quota"
        busy={remove.isPending}
        error={remove.isError ? errorSummary(remove.error) : null}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </div>
  );
}
