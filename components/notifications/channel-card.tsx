"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC, type RouterOutputs } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";
import { errorMessage } from "@/components/ui/trpc-errors";
import { DeliveriesTable } from "./deliveries-table";

type Channel = RouterOutputs["notifications"]["list"][number];

function eventsSentence(events: string[]): string {
  const requested = events.includes("approval.requested");
  const decided = events.includes("approval.decided");
  if (requested && decided) return "Approval requests and decisions";
  return requested ? "Approval requests only" : "Approval decisions only";
}

/** One channel: where it sends, what, for which environment, its recent deliveries and actions. */
export function ChannelCard({ channel, fetchedAt }: { channel: Channel; fetchedAt: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
  const onError = (error: unknown) => toast(errorMessage(error), "error");
  const sendTest = useMutation(
    trpc.notifications.sendTest.mutationOptions({
      onSuccess: async () => {
        await refresh();
        toast(`Test message queued for ${channel.name}; it appears below within a few seconds.`);
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.notifications.update.mutationOptions({
      onSuccess: async (_result, input) => {
        await refresh();
        toast(input.enabled ? `${channel.name} turned on.` : `${channel.name} turned off.`);
      },
      onError,
    }),
  );
  const remove = useMutation(
    trpc.notifications.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
        setDeleting(false);
        toast(`${channel.name} deleted.`);
      },
    }),
  );

  return (
    <Card
      title={
        <span className="flex flex-wrap items-center gap-2">
          <span className="break-all">{channel.name}</span>
          <Badge tone={channel.kind === "SLACK" ? "violet" : "blue"}>
            {channel.kind === "SLACK" ? "Slack" : "Signed webhook"}
          </Badge>
          {!channel.enabled && <Badge tone="gray">Off</Badge>}
        </span>
      }
      description={
        <span className="block space-y-0.5">
          <span className="block break-all font-mono text-xs">{channel.url}</span>
          <span className="block">
            {channel.environment ? `Agents in ${channel.environment.name}` : "Every environment"} ·{" "}
            {eventsSentence(channel.events)}
          </span>
        </span>
      }
      actions={
        <>
          <Button
            variant="secondary"
            size="sm"
            busy={sendTest.isPending}
            onClick={() => sendTest.mutate({ id: channel.id })}
          >
            Send test
          </Button>
          <Button
            variant="ghost"
            size="sm"
            busy={update.isPending}
            onClick={() => update.mutate({ id: channel.id, enabled: !channel.enabled })}
          >
            {channel.enabled ? "Turn off" : "Turn on"}
          </Button>
          <Button variant="danger-ghost" size="sm" onClick={() => setDeleting(true)}>
            Delete
          </Button>
        </>
      }
    >
      <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Recent deliveries</h3>
      <DeliveriesTable deliveries={channel.deliveries} fetchedAt={fetchedAt} />
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title={`Delete ${channel.name}?`}
        description="It stops receiving messages at once, and its delivery history is removed."
        confirmLabel="Delete channel"
        busy={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onConfirm={() => remove.mutate({ id: channel.id })}
      />
    </Card>
  );
}
