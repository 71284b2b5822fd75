"use client";

import { PageHeader } from "@/components/ui/page-header";
import { AuditList } from "./audit-list";

export function AuditTrailPage() {
  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change to the control plane — agents, grants, credentials, quotas, tools — with who made it, and the values before and after. Append-only and hash-chained."
      />
      <AuditList />
    </>
  );
}
