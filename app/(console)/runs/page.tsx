import type { Metadata } from "next";
import { Suspense } from "react";
import { RunsList } from "@/components/runs/runs-list";
import { Loading } from "@/components/ui/states";

export const metadata: Metadata = { title: "Runs" };

export default function RunsPage() {
  return (
    <Suspense fallback={<Loading label="Loading runs…" />}>
      <RunsList />
    </Suspense>
  );
}
