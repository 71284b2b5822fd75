import type { Metadata } from "next";
import { Suspense } from "react";
import { ApprovalsInbox } from "@/components/approvals/approvals-inbox";
import { Loading } from "@/components/ui/states";

export const metadata: Metadata = { title: "Approvals" };

export default function ApprovalsPage() {
  return (
    <Suspense fallback={<Loading label="Loading approvals…" />}>
      <ApprovalsInbox />
    </Suspense>
  );
}
