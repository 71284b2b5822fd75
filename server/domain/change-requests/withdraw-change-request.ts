import { db } from "../../db";
import { writeAuditEvent } from "../audit/write-audit-event";
import { authorize, type MemberContext } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { memberActor } from "../agents/change-context";

/** Whether this member may withdraw a request: the one who asked for it, or an admin. */
export function mayWithdraw(
  member: Pick<MemberContext, "id" | "roles">,
  request: { requestedById: string | null },
): boolean {
  return (
    member.roles.includes("ADMIN") || (request.requestedById !== null && request.requestedById === member.id)
  );
}

/**
 * The requester (or an admin) takes back a pending change request: it becomes CANCELLED and can no
 * longer be decided. Nothing was applied yet, so the policy version stays. The row lock orders this
 * against a concurrent decision: whichever comes second sees the first and answers CONFLICT.
 */
export async function withdrawChangeRequest(
  member: MemberContext,
  input: { id: string },
  now = new Date(),
): Promise<{ id: string; status: "CANCELLED" }> {
  authorize(member, "org:read");
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM change_requests WHERE id = ${input.id} AND org_id = ${member.orgId} FOR UPDATE`;
    if (locked.length === 0) throw notFound("The change request");
    const request = await tx.changeRequest.findUniqueOrThrow({ where: { id: input.id } });
    if (!mayWithdraw(member, request)) {
      throw new AppError(
        "FORBIDDEN",
        "Only the person who asked for this change, or an admin, can withdraw it.",
      );
    }
    if (request.status !== "PENDING") {
      throw new AppError(
        "CONFLICT",
        `This change request was already ${request.status.toLowerCase()}; nothing was changed.`,
      );
    }
    await tx.changeRequest.update({
      where: { id: request.id },
      data: { status: "CANCELLED", decidedById: member.id, decidedAt: now },
    });
    await writeAuditEvent(tx, {
      orgId: member.orgId,
      actor: memberActor(member),
      action: "change_request.withdrawn",
      targetType: "change_request",
      targetId: request.id,
      before: { status: "PENDING" },
      after: { status: "CANCELLED", agentId: request.agentId, kind: request.kind, summary: request.summary },
    });
    return { id: request.id, status: "CANCELLED" as const };
  });
}
