// GET /api/export/incidents/{id}?format=json|md — an incident with its whole timeline, as JSON
// or Markdown. Authorization happens here, inside the handler: the session's member of the
// selected org needs audit:read (AUDITOR included); another org's incident is 404.
import { db } from "@/server/db";
import { authorize } from "@/server/domain/auth/permissions";
import { AppError } from "@/server/domain/errors";
import { exportIncident, type IncidentExportFormat } from "@/server/domain/incidents/export-incident";
import { exportErrorResponse, exportMember, exportResponse } from "../../export-response";

export const dynamic = "force-dynamic";

const FORMATS: readonly string[] = ["json", "md"];

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const format = new URL(req.url).searchParams.get("format") ?? "json";
    if (!FORMATS.includes(format))
      throw new AppError("INVALID_REQUEST", 'The format must be "json" or "md".');
    const member = await exportMember(req);
    authorize(member, "audit:read");
    const exported = await exportIncident(db, member, id, format as IncidentExportFormat);
    return exportResponse(exported, "Incident");
  } catch (error) {
    return exportErrorResponse(error, "Incident");
  }
}
