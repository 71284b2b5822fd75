// GET /api/export/audit/checkpoints — every signed checkpoint of the org and the public key, the
// same document as `warden audit export-checkpoints`, for `node scripts/verify-checkpoint.mjs`.
import { db } from "@/server/db";
import { authorize } from "@/server/domain/auth/permissions";
import { exportCheckpoints } from "@/server/domain/checkpoints/export-checkpoints";
import { exportErrorResponse, exportMember, exportResponse } from "../../export-response";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  try {
    const member = await exportMember(req);
    authorize(member, "audit:read");
    const org = await db.organization.findUniqueOrThrow({
      where: { id: member.orgId },
      select: { id: true, slug: true },
    });
    const document = await exportCheckpoints(db, org);
    return exportResponse(
      {
        contentType: "application/json; charset=utf-8",
        filename: `checkpoints-${org.slug}.json`,
        body: `${JSON.stringify(document, null, 2)}\n`,
      },
      "Checkpoint",
    );
  } catch (error) {
    return exportErrorResponse(error, "Checkpoint");
  }
}
