import type { Metadata } from "next";
import { Suspense } from "react";
import { AgentPage } from "@/components/agents/agent-page";
import { Loading } from "@/components/ui/states";

export const metadata: Metadata = { title: "Agent" };

export default async function AgentDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense fallback={<Loading label="Loading agent…" />}>
      <AgentPage id={id} />
    </Suspense>
  );
}
