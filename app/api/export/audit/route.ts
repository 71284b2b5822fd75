// GET /api/export/audit?format=csv|jsonl&<the audit search's filters> — the filtered audit trail
// (decisions and control-plane events), streamed page by page from a keyset cursor. Session and
// org are checked inside the handler; audit:read (AUDITOR included) is required.
import { db } from "@/server/db";
import { auditSearchFilters } from "@/server/domain/audit/audit-search-filters";
import {
  AUDIT_EXPORT_FORMATS,
  prepareAuditExport,
  type AuditExportFormat,
} from "@/server/domain/audit/export-audit-trail";
import { authorize } from "@/server/domain/auth/permissions";
import { AppError } from "@/server/domain/errors";
import { exportErrorResponse, exportMember, exportResponse } from "../export-response";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  try {
    const params = new URL(req.url).searchParams;
    const format = params.get("format") ?? "csv";
    if (!(AUDIT_EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new AppError("INVALID_REQUEST", 'The format must be "csv" or "jsonl".');
    }
    const parsed = auditSearchFilters.safeParse(
      Object.fromEntries([...params.entries()].filter(([key]) => key !== "format")),
    );
    if (!parsed.success) {
      throw new AppError("INVALID_REQUEST", "Some of the search filters are not valid.", {
        issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      });
    }
    const member = await exportMember(req);
    authorize(member, "audit:read");
    const exported = await prepareAuditExport(db, member, {
      filters: parsed.data,
      format: format as AuditExportFormat,
    });
    return exportResponse(exported, "Audit");
  } catch (error) {
    return exportErrorResponse(error, "Audit");
  }
}
