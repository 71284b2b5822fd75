"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorNotice, Loading, Notice } from "@/components/ui/states";
import { errorMessage } from "@/components/ui/trpc-errors";
import { AddChannelDialog } from "./add-channel-dialog";
import { ChannelCard } from "./channel-card";

/**
 * Settings → Notifications: Slack and signed-webhook channels per environment for approval
 * requests and decisions. Admins and security staff manage them (webhook URLs are credentials,
 * so others do not even see them); the server checks the role again.
 */
export function NotificationsPanel({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const [adding, setAdding] = useState(false);
  const channels = useQuery({
    ...trpc.notifications.list.queryOptions(),
    enabled: canManage,
    // Deliveries change in the background (sending, retries): keep the history current.
    refetchInterval: 5_000,
  });

  if (!canManage) {
    return (
      <Notice>
        Admins and security staff set up where approval requests and decisions are announced (Slack, signed
        webhooks). Ask one of them if your team should be notified.
      </Notice>
    );
  }
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <p className="max-w-2xl text-sm text-slate-600">
          Warden tells these channels when an agent asks for approval and when an approval is decided.
          Messages are sent in the background and retried with backoff for a while; a slow or failing receiver
          never delays a decision.
        </p>
        <Button onClick={() => setAdding(true)}>Add channel</Button>
      </div>
      {channels.isPending ? (
        <Loading label="Loading channels…" />
      ) : channels.isError ? (
        <ErrorNotice title="Could not load the channels" message={errorMessage(channels.error)} />
      ) : channels.data.length === 0 ? (
        <EmptyState
          title="No notification channels yet"
          description="Add a Slack incoming webhook or a signed webhook so approvers hear about pending approvals right away."
          action={<Button onClick={() => setAdding(true)}>Add channel</Button>}
        />
      ) : (
        channels.data.map((channel) => (
          <ChannelCard key={channel.id} channel={channel} fetchedAt={channels.dataUpdatedAt} />
        ))
      )}
      <AddChannelDialog open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}
