import { getServerSession } from "next-auth";
import { ORG_COOKIE } from "@/server/api/context";
import { authOptions } from "@/server/auth/options";
import { db } from "@/server/db";
import type { MemberContext } from "@/server/domain/auth/permissions";
import { AppError } from "@/server/domain/errors";
import { findExportMember } from "@/server/domain/runs/find-export-member";

/** The signed-in member of the org the console selected; the handler authorizes after this. */
export async function exportMember(req: Request): Promise<MemberContext> {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  const cookie = req.headers
    .get("cookie")
    ?.split(";")
    .map((part) => part.trim().split("="))
    .find(([key]) => key === ORG_COOKIE)?.[1];
  return findExportMember(
    db,
    userId ? { id: userId, email: session.user?.email ?? "" } : null,
    cookie ? decodeURIComponent(cookie) : null,
  );
}

export function exportErrorResponse(error: unknown, what: string): Response {
  const appError =
    error instanceof AppError ? error : new AppError("INTERNAL", "Export failed.", { cause: error });
  if (appError.status >= 500) console.error(`${what} export failed:`, error);
  return Response.json(appError.toBody(), { status: appError.status });
}
