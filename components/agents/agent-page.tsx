"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTRPC } from "@/components/trpc";
import { AuditList } from "@/components/audit/audit-list";
import { PendingChangeRequests } from "@/components/change-requests/pending-change-requests";
import { CredentialsPanel } from "@/components/credentials/credentials-panel";
import { DriftPanel } from "@/components/drift/drift-panel";
import { GrantsPanel } from "@/components/grants/grants-panel";
import { QuotasPanel } from "@/components/quotas/quotas-panel";
import { EmptyState, ErrorNotice, Loading } from "@/components/ui/states";
import { Tabs } from "@/components/ui/tabs";
import { Toaster } from "@/components/ui/toast";
import { errorCode, errorMessage } from "@/components/ui/trpc-errors";
import { AgentHeader } from "./agent-header";
import { AgentOverview } from "./agent-overview";

const TABS = [
  { id: "overview", label: "Overview" },
  { id: "credentials", label: "Credentials" },
  { id: "grants", label: "Grants" },
  { id: "quotas", label: "Quotas" },
  { id: "drift", label: "Drift" },
  { id: "history", label: "History" },
] as const;
type TabId = (typeof TABS)[number]["id"];
const isTab = (v: string | null): v is TabId => TABS.some((t) => t.id === v);

/** One agent: its header and actions, and its tabs (the selected one is `?tab=` in the URL). */
export function AgentPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const tabParam = params.get("tab");
  const tab: TabId = isTab(tabParam) ? tabParam : "overview";
  const agent = useQuery(trpc.agents.get.queryOptions({ id }));

  if (agent.isPending) return <Loading label="Loading agent…" />;
  if (agent.isError) {
    return errorCode(agent.error) === "NOT_FOUND" ? (
      <EmptyState
        title="Agent not found"
        description="It may have been removed, or it belongs to another organization."
        action={
          <Link href="/agents" className="text-sm font-medium text-brand-700 hover:underline">
            Back to agents
          </Link>
        }
      />
    ) : (
      <ErrorNotice title="Could not load this agent" message={errorMessage(agent.error)} />
    );
  }

  const data = agent.data;
  const editable = data.canManage && data.status !== "DECOMMISSIONED";

  function selectTab(next: TabId) {
    const query = new URLSearchParams(params.toString());
    if (next === "overview") query.delete("tab");
    else query.set("tab", next);
    const qs = query.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }

  return (
    <>
      <Toaster />
      <AgentHeader agent={data} />
      <Tabs tabs={[...TABS]} selected={tab} onSelect={selectTab} label="Agent sections">
        {tab === "overview" && (
          <>
            <PendingChangeRequests agentId={data.id} kinds={["agent.autonomy"]} />
            <AgentOverview agent={data} editable={editable} />
          </>
        )}
        {tab === "credentials" && (
          <CredentialsPanel agentId={data.id} agentName={data.name} editable={editable} />
        )}
        {tab === "grants" && (
          <PendingChangeRequests agentId={data.id} kinds={["grant.create", "grant.update"]} />
        )}
        {tab === "grants" && (
          <GrantsPanel
            agentId={data.id}
            autonomy={data.autonomy}
            isProduction={data.environment.isProduction}
            parent={data.parent}
            editable={editable}
          />
        )}
        {tab === "quotas" && (
          <>
            <PendingChangeRequests agentId={data.id} kinds={["quota.set"]} />
            <QuotasPanel agentId={data.id} editable={editable} />
          </>
        )}
        {tab === "drift" && <DriftPanel agentId={data.id} />}
        {tab === "history" && (
          <AuditList
            agentId={data.id}
            emptyDescription="Changes to this agent, its grants, quotas and credentials will appear here."
          />
        )}
      </Tabs>
    </>
  );
}
