import type { Metadata } from "next";
import { Suspense } from "react";
import { RunPage } from "@/components/runs/run-page";
import { Loading } from "@/components/ui/states";

export const metadata: Metadata = { title: "Run" };

export default async function RunDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense fallback={<Loading label="Loading run…" />}>
      <RunPage id={id} />
    </Suspense>
  );
}
