"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTRPC } from "@/components/trpc";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorNotice, Loading, Notice } from "@/components/ui/states";
import { Tabs } from "@/components/ui/tabs";
import { Toaster } from "@/components/ui/toast";
import { errorMessage } from "@/components/ui/trpc-errors";
import { ChangeRequestCard } from "./change-request-card";

const TABS = [
  { id: "pending", label: "Awaiting sign-off" },
  { id: "decided", label: "History" },
] as const;
type TabId = (typeof TABS)[number]["id"];

/**
 * Widenings of production agents' scopes (new grants, broader grants, higher caps or autonomy)
 * wait here for security. Everyone can see them; only security staff other than the requester
 * can approve or reject (the server checks it again).
 */
export function ChangeRequestsPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const tab: TabId = params.get("tab") === "decided" ? "decided" : "pending";
  const me = useQuery(trpc.me.get.queryOptions());
  const pending = useQuery({
    ...trpc.changeRequests.list.queryOptions({ state: "pending" }),
    refetchInterval: 10_000,
  });
  const decided = useQuery({
    ...trpc.changeRequests.list.queryOptions({ state: "decided" }),
    enabled: tab === "decided",
  });
  const list = tab === "pending" ? pending : decided;
  const isSecurity = me.data?.member.roles.includes("SECURITY") ?? false;

  function selectTab(next: TabId) {
    router.replace(next === "pending" ? pathname : `${pathname}?tab=${next}`, { scroll: false });
  }

  return (
    <>
      <Toaster />
      <PageHeader
        title="Change requests"
        description="Changes that widen what a production agent may do — a new or broader grant, a higher or removed quota, a higher autonomy level — wait here until security approves them. Narrowing changes apply at once and never appear here."
      />
      <Tabs
        tabs={TABS.map((t) => ({ ...t, count: t.id === "pending" ? (pending.data?.length ?? null) : null }))}
        selected={tab}
        onSelect={selectTab}
        label="Change request lists"
      >
        {me.isSuccess && !isSecurity && tab === "pending" && (
          <div className="mb-4">
            <Notice>
              Only security staff can approve or reject change requests. You can follow them here.
            </Notice>
          </div>
        )}
        {list.isPending ? (
          <Loading label="Loading change requests…" />
        ) : list.isError ? (
          <ErrorNotice title="Could not load change requests" message={errorMessage(list.error)} />
        ) : list.data.length === 0 ? (
          <EmptyState
            title={tab === "pending" ? "Nothing awaits sign-off" : "No decided change requests yet"}
            description={
              tab === "pending"
                ? "When someone widens a production agent's scope from the console or a fleet file, the request appears here."
                : "Approved and rejected requests are kept here, with who decided and why."
            }
          />
        ) : (
          <div className="space-y-4">
            {list.data.map((item) => (
              <ChangeRequestCard key={item.id} item={item} />
            ))}
          </div>
        )}
      </Tabs>
    </>
  );
}
