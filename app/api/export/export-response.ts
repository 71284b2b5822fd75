// What every GET /api/export/* handler shares: the member from the session and the selected org
// (authorization stays in each handler), the download response, and the error body.
import { getServerSession } from "next-auth";
import { ORG_COOKIE } from "@/server/api/context";
import { authOptions } from "@/server/auth/options";
import { db } from "@/server/db";
import type { MemberContext } from "@/server/domain/auth/permissions";
import { AppError } from "@/server/domain/errors";
import { findSessionMember } from "@/server/domain/auth/find-session-member";

/**
 * The signed-in member of the org the console selected; the handler authorizes after this.
 * Downloads are GETs that the session cookie accompanies even when another site links to them
 * (SameSite=Lax), and an audit export is itself recorded: a browser request must come from the
 * console (or be typed in), never from another site.
 */
export async function exportMember(req: Request): Promise<MemberContext> {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new AppError(
      "FORBIDDEN",
      "Downloads start from the Warden console, not from links on other sites.",
    );
  }
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  const cookie = req.headers
    .get("cookie")
    ?.split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${ORG_COOKIE}=`))
    ?.slice(ORG_COOKIE.length + 1);
  return findSessionMember(
    db,
    userId ? { id: userId, email: session.user?.email ?? "" } : null,
    cookie ? decodeURIComponent(cookie) : null,
  );
}

/** A file to download: a whole `body`, or `chunks` of text produced as they are read. */
export type ExportFile = { contentType: string; filename: string } & (
  { body: string } | { chunks: AsyncIterator<string> }
);

/**
 * The download response of `file`; chunks are streamed pull-based (the next page is read only
 * when the client has taken the previous one). `what` names the export in server logs.
 */
export function exportResponse(file: ExportFile, what: string): Response {
  return new Response("body" in file ? file.body : streamChunks(file.chunks, what), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

function streamChunks(chunks: AsyncIterator<string>, what: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        console.error(`${what} export failed mid-stream:`, error);
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return?.(undefined);
    },
  });
}

export function exportErrorResponse(error: unknown, what: string): Response {
  const appError =
    error instanceof AppError ? error : new AppError("INTERNAL", "Export failed.", { cause: error });
  if (appError.status >= 500) console.error(`${what} export failed:`, error);
  return Response.json(appError.toBody(), { status: appError.status });
}
