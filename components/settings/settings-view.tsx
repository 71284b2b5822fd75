"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTRPC } from "@/components/trpc";
import { Notice } from "@/components/ui/states";
import { PageHeader } from "@/components/ui/page-header";
import { Tabs } from "@/components/ui/tabs";
import { Toaster } from "@/components/ui/toast";
import { AccountPanel } from "./account-panel";
import { EnvironmentsPanel } from "./environments-panel";
import { NotificationsPanel } from "@/components/notifications/notifications-panel";
import { MembersPanel } from "./members-panel";
import { RetentionPanel } from "./retention-panel";

const TABS = [
  { id: "members", label: "Members" },
  { id: "environments", label: "Environments" },
  { id: "retention", label: "Data retention" },
  { id: "notifications", label: "Notifications" },
  { id: "account", label: "Account" },
] as const;
type TabId = (typeof TABS)[number]["id"];
const isTab = (v: string | null): v is TabId => TABS.some((t) => t.id === v);

/**
 * Members, environments and one's own account, one tab each (`?tab=` in the URL). Admin actions
 * are offered to admins only; every procedure checks the role again, so this is a courtesy.
 */
export function SettingsView() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const tabParam = params.get("tab");
  const tab: TabId = isTab(tabParam) ? tabParam : "members";
  const me = useQuery(trpc.me.get.queryOptions());
  const members = useQuery(trpc.members.list.queryOptions());
  const environments = useQuery(trpc.environments.list.queryOptions());
  const isAdmin = me.data?.member.roles.includes("ADMIN") ?? false;

  function selectTab(next: TabId) {
    const query = new URLSearchParams(params.toString());
    if (next === "members") query.delete("tab");
    else query.set("tab", next);
    const qs = query.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }

  const counts: Record<TabId, number | null> = {
    members: members.data?.filter((m) => m.roles.length > 0).length ?? null,
    environments: environments.data?.length ?? null,
    retention: null,
    notifications: null,
    account: null,
  };

  return (
    <>
      <Toaster />
      <PageHeader
        title="Settings"
        description="Who can do what, where agents run, and your own account. Members and environments can also be declared in the fleet file."
      />
      <Tabs
        tabs={TABS.map((t) => ({ ...t, count: counts[t.id] }))}
        selected={tab}
        onSelect={selectTab}
        label="Settings sections"
      >
        {me.isSuccess && !isAdmin && (tab === "members" || tab === "environments") && (
          <div className="mb-6">
            <Notice>
              You can see members and environments; only admins can change them. Ask an admin if something
              needs to change.
            </Notice>
          </div>
        )}
        {tab === "members" && <MembersPanel isAdmin={isAdmin} selfMemberId={me.data?.member.id ?? null} />}
        {tab === "environments" && <EnvironmentsPanel isAdmin={isAdmin} />}
        {tab === "retention" && <RetentionPanel isAdmin={isAdmin} />}
        {tab === "notifications" && (
          <NotificationsPanel
            canManage={me.data?.member.roles.some((role) => role === "ADMIN" || role === "SECURITY") ?? false}
          />
        )}
        {tab === "account" && <AccountPanel me={me.data} />}
      </Tabs>
    </>
  );
}
