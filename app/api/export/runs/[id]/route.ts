// GET /api/export/runs/{id}?format=json|jsonl — a run's story as one JSON document or as JSON
// Lines, streamed page by page. Authorization happens here, inside the handler: the session's
// member of the selected org needs org:read (AUDITOR included); another org's run is 404.
import { db } from "@/server/db";
import { authorize } from "@/server/domain/auth/permissions";
import { AppError } from "@/server/domain/errors";
import { RUN_EXPORT_FORMATS, prepareRunExport, type RunExportFormat } from "@/server/domain/runs/export-run";
import { exportErrorResponse, exportMember, exportResponse } from "../../export-response";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const formatParam = new URL(req.url).searchParams.get("format") ?? "json";
    if (!(RUN_EXPORT_FORMATS as readonly string[]).includes(formatParam)) {
      throw new AppError("INVALID_REQUEST", 'The format must be "json" or "jsonl".');
    }
    const member = await exportMember(req);
    authorize(member, "org:read");
    const exported = await prepareRunExport(db, member, {
      runId: id,
      format: formatParam as RunExportFormat,
    });
    return exportResponse(exported, "Run");
  } catch (error) {
    return exportErrorResponse(error, "Run");
  }
}
