import type { Metadata } from "next";
import { Suspense } from "react";
import { AgentsList } from "@/components/agents/agents-list";
import { Loading } from "@/components/ui/states";

export const metadata: Metadata = { title: "Agents" };

export default function AgentsPage() {
  return (
    <Suspense fallback={<Loading label="Loading agents…" />}>
      <AgentsList />
    </Suspense>
  );
}
