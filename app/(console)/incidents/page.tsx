import type { Metadata } from "next";
import { Suspense } from "react";
import { IncidentsPage } from "@/components/incidents/incidents-page";
import { Loading } from "@/components/ui/states";

export const metadata: Metadata = { title: "Incidents" };

export default function Incidents() {
  return (
    <Suspense fallback={<Loading label="Loading incidents…" />}>
      <IncidentsPage />
    </Suspense>
  );
}
