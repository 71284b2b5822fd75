import type { Metadata } from "next";
import { Suspense } from "react";
import { ChangeRequestsPage } from "@/components/change-requests/change-requests-page";
import { Loading } from "@/components/ui/states";

export const metadata: Metadata = { title: "Change requests" };

export default function ChangeRequestsRoute() {
  // The page reads `?tab=` on the client; Suspense lets the rest of the layout render meanwhile.
  return (
    <Suspense fallback={<Loading label="Loading change requests…" />}>
      <ChangeRequestsPage />
    </Suspense>
  );
}
