"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC, type RouterInputs } from "@/components/trpc";
import { ChangeRequestCard } from "./change-request-card";

type Kind = NonNullable<RouterInputs["changeRequests"]["list"]["kinds"]>[number];

/**
 * The agent's changes of these kinds that wait for security, shown above the tab they belong to
 * (grants, quotas, autonomy), so nobody wonders why a saved change is not in force yet.
 */
export function PendingChangeRequests({ agentId, kinds }: { agentId: string; kinds: Kind[] }) {
  const trpc = useTRPC();
  const pending = useQuery(trpc.changeRequests.list.queryOptions({ state: "pending", agentId, kinds }));
  if (!pending.data || pending.data.length === 0) return null;
  const count = pending.data.length;
  return (
    <section aria-label="Changes awaiting sign-off" className="mb-6 space-y-3">
      <h2 className="text-sm font-semibold text-amber-900">
        {count === 1 ? "1 change awaits" : `${count} changes await`} security&apos;s sign-off before it takes
        effect
      </h2>
      {pending.data.map((item) => (
        <ChangeRequestCard key={item.id} item={item} showAgent={false} />
      ))}
    </section>
  );
}
