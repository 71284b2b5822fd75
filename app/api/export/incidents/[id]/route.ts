// GET /api/export/incidents/{id}?format=json|md — an incident with its whole timeline, as JSON
// or Markdown. Authorization happens here, inside the handler: the session's member of the
// selected org needs audit:read (AUDITOR included); another org's incident is 404.
import { getServerSession } from "next-auth";
import { ORG_COOKIE } from "@/server/api/context";
import { authOptions } from "@/server/auth/options";
import { db } from "@/server/db";
import { AppError } from "@/server/domain/errors";
import { exportIncident, type IncidentExportFormat } from "@/server/domain/incidents/export-incident";
import { findExportMember } from "@/server/domain/runs/find-export-member";

export const dynamic = "force-dynamic";

const FORMATS: readonly string[] = ["json", "md"];

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const format = new URL(req.url).searchParams.get("format") ?? "json";
    if (!FORMATS.includes(format))
      throw new AppError("INVALID_REQUEST", 'The format must be "json" or "md".');
    const session = await getServerSession(authOptions);
    const userId = session?.user?.id;
    const cookie = req.headers
      .get("cookie")
      ?.split(";")
      .map((part) => part.trim().split("="))
      .find(([key]) => key === ORG_COOKIE)?.[1];
    const member = await findExportMember(
      db,
      userId ? { id: userId, email: session.user?.email ?? "" } : null,
      cookie ? decodeURIComponent(cookie) : null,
    );
    const exported = await exportIncident(db, member, id, format as IncidentExportFormat);
    return new Response(exported.body, {
      headers: {
        "content-type": exported.contentType,
        "content-disposition": `attachment; filename="${exported.filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    const appError =
      error instanceof AppError ? error : new AppError("INTERNAL", "Export failed.", { cause: error });
    if (appError.status >= 500) console.error("Incident export failed:", error);
    return Response.json(appError.toBody(), { status: appError.status });
  }
}
