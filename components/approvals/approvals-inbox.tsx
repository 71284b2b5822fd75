"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { PageHeader } from "@/components/ui/page-header";
import { Tabs } from "@/components/ui/tabs";
import { Toaster } from "@/components/ui/toast";
import { useReplaceSearchParams } from "@/components/ui/use-replace-search-params";
import { ApprovalContextCard, type VoteIntent } from "./approval-context-card";
import { ApprovalHistory } from "./approval-history";
import { InboxFilters, readInboxFilters } from "./inbox-filters";
import { PendingList } from "./pending-list";
import { useInboxShortcuts } from "./use-inbox-shortcuts";

/** How often the inbox asks for changes: new approvals and others' votes show within 2 s. */
export const INBOX_REFRESH_MS = 1000;

type Tab = "pending" | "history";

/** The approval inbox: pending approvals with time left, a context card, and the history. */
export function ApprovalsInbox() {
  const trpc = useTRPC();
  const params = useSearchParams();
  const tab: Tab = params.get("tab") === "history" ? "history" : "pending";
  const filters = readInboxFilters(params);

  const setParams = useReplaceSearchParams();

  const pending = useQuery({
    ...trpc.approvals.listPending.queryOptions(filters.input),
    refetchInterval: INBOX_REFRESH_MS,
    placeholderData: (previous) => previous,
  });
  const items = pending.data?.items ?? [];

  // The selection follows the URL; when the selected approval leaves the list (decided by
  // someone, or expired), the one that took its place is selected.
  const requested = params.get("id");
  const [lastIndex, setLastIndex] = useState(0);
  const index = items.findIndex((i) => i.id === requested);
  if (index >= 0 && index !== lastIndex) setLastIndex(index);
  const selectedIndex = index >= 0 ? index : Math.min(lastIndex, Math.max(0, items.length - 1));
  const selected = items[selectedIndex];

  const [intent, setIntent] = useState<VoteIntent | null>(null);
  const select = (id: string | undefined) => {
    setIntent(null);
    setParams({ id });
  };

  useInboxShortcuts(
    {
      next: () => select(items[Math.min(selectedIndex + 1, items.length - 1)]?.id),
      previous: () => select(items[Math.max(selectedIndex - 1, 0)]?.id),
      approve: () => selected && !selected.cannotVote && setIntent("APPROVE"),
      deny: () => selected && !selected.cannotVote && setIntent("DENY"),
    },
    tab === "pending" && items.length > 0,
  );

  return (
    <>
      <Toaster />
      <PageHeader
        title="Approvals"
        description="Agents ask here before actions their grants say a person must approve. Each request is bound to the exact action shown: approve it, or deny it with a reason."
      />
      <Tabs<Tab>
        label="Approvals"
        selected={tab}
        onSelect={(next) => setParams({ tab: next === "pending" ? undefined : next, id: undefined })}
        tabs={[
          { id: "pending", label: "Pending", count: pending.data?.total ?? null },
          { id: "history", label: "History" },
        ]}
      >
        <InboxFilters filters={filters} onChange={setParams} withAge={tab === "pending"} />
        {tab === "pending" ? (
          <div className="mt-4 grid gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
            <PendingList
              query={pending}
              filtered={filters.active}
              selectedId={selected?.id}
              onSelect={select}
              onClearFilters={() =>
                setParams({ agent: undefined, env: undefined, effect: undefined, age: undefined })
              }
            />
            {selected && (
              <ApprovalContextCard
                key={selected.id}
                approvalId={selected.id}
                intent={intent}
                onIntent={setIntent}
              />
            )}
          </div>
        ) : (
          <ApprovalHistory input={filters.historyInput} />
        )}
      </Tabs>
    </>
  );
}
