// GET /api/export/runs/{id}?format=json|jsonl — a run's story as one JSON document or as JSON
// Lines, streamed page by page. Authorization happens here, inside the handler: the session's
// member of the selected org needs org:read (AUDITOR included); another org's run is 404.
import { getServerSession } from "next-auth";
import { ORG_COOKIE } from "@/server/api/context";
import { authOptions } from "@/server/auth/options";
import { db } from "@/server/db";
import { AppError } from "@/server/domain/errors";
import { RUN_EXPORT_FORMATS, prepareRunExport, type RunExportFormat } from "@/server/domain/runs/export-run";
import { findExportMember } from "@/server/domain/runs/find-export-member";

export const dynamic = "force-dynamic";

function errorResponse(error: unknown): Response {
  const appError =
    error instanceof AppError ? error : new AppError("INTERNAL", "Export failed.", { cause: error });
  if (appError.status >= 500) console.error("Run export failed:", error);
  return Response.json(appError.toBody(), { status: appError.status });
}

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const formatParam = new URL(req.url).searchParams.get("format") ?? "json";
    if (!(RUN_EXPORT_FORMATS as readonly string[]).includes(formatParam)) {
      throw new AppError("INVALID_REQUEST", 'The format must be "json" or "jsonl".');
    }
    const session = await getServerSession(authOptions);
    const userId = session?.user?.id;
    const cookie = req.headers
      .get("cookie")
      ?.split(";")
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${ORG_COOKIE}=`))
      ?.slice(ORG_COOKIE.length + 1);
    const member = await findExportMember(
      db,
      userId ? { id: userId, email: session.user?.email ?? "" } : null,
      cookie ? decodeURIComponent(cookie) : null,
    );
    const exported = await prepareRunExport(db, member, {
      runId: id,
      format: formatParam as RunExportFormat,
    });
    const encoder = new TextEncoder();
    const chunks = exported.chunks;
    const body = new ReadableStream<Uint8Array>({
      // Pull-based: the next page is read only when the client has taken the previous one.
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          console.error("Run export failed mid-stream:", error);
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return new Response(body, {
      headers: {
        "content-type": exported.contentType,
        "content-disposition": `attachment; filename="${exported.filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
