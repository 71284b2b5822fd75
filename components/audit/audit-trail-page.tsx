"use client";

import { useState } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { AuditFilterForm, type AuditFilters } from "./audit-filters";
import { AuditResults } from "./audit-results";
import { IntegrityPanel } from "./integrity-panel";

export function AuditTrailPage() {
  const [filters, setFilters] = useState<AuditFilters>({});
  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every decision agents were given and every change to the control plane — who, what, when, and why. Append-only, hash-chained and signed."
      />
      <div className="space-y-4">
        <IntegrityPanel />
        <AuditFilterForm onApply={setFilters} />
        <AuditResults filters={filters} />
      </div>
    </>
  );
}
