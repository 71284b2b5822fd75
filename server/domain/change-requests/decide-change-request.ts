import { db } from "../../db";
import { writeAuditEvent } from "../audit/write-audit-event";
import { authorize, type MemberContext } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { memberActor } from "../agents/change-context";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { applyApprovedChange } from "./apply-approved-change";
import { parseStoredChange } from "./change-request-payload";

export type ChangeDecision = "APPROVE" | "REJECT";

export const MAX_DECISION_COMMENT = 1000;

/**
 * Security approves or rejects a pending change request, with a comment. Approval applies the
 * change in the same transaction (re-checked against the current state; a conflict leaves
 * everything as it was) and bumps the policy version. The requester cannot decide their own
 * request, and a request is decided once: the row lock makes a second decision see the first.
 */
export async function decideChangeRequest(
  member: MemberContext,
  input: { id: string; decision: ChangeDecision; comment: string },
  now = new Date(),
): Promise<{ id: string; status: "APPROVED" | "REJECTED" }> {
  authorize(member, "approvals:decide");
  const comment = input.comment.trim();
  if (comment.length > MAX_DECISION_COMMENT) {
    const message = `Keep the comment to ${MAX_DECISION_COMMENT} characters or fewer.`;
    throw new AppError("INVALID_REQUEST", message, { issues: [{ path: "comment", message }] });
  }
  if (input.decision === "REJECT" && comment.length === 0) {
    const message = "Say why you reject it, so the requester knows what to change.";
    throw new AppError("INVALID_REQUEST", message, { issues: [{ path: "comment", message }] });
  }

  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM change_requests WHERE id = ${input.id} AND org_id = ${member.orgId} FOR UPDATE`;
    if (locked.length === 0) throw notFound("The change request");
    const request = await tx.changeRequest.findUniqueOrThrow({ where: { id: input.id } });
    if (request.status !== "PENDING") {
      throw new AppError(
        "CONFLICT",
        `This change request was already ${request.status.toLowerCase()}; nothing was changed.`,
      );
    }
    if (request.requestedById === member.id) {
      throw new AppError(
        "FORBIDDEN",
        "You asked for this change, so someone else in security must decide it.",
      );
    }

    const actor = memberActor(member);
    const status = input.decision === "APPROVE" ? "APPROVED" : "REJECTED";
    if (status === "APPROVED") {
      await applyApprovedChange(tx, {
        orgId: member.orgId,
        agentId: request.agentId,
        changeRequestId: request.id,
        change: parseStoredChange(request),
        actor,
        now,
      });
    }
    await tx.changeRequest.update({
      where: { id: request.id },
      data: { status, decidedById: member.id, decidedAt: now, comment },
    });
    await writeAuditEvent(tx, {
      orgId: member.orgId,
      actor,
      action: status === "APPROVED" ? "change_request.approved" : "change_request.rejected",
      targetType: "change_request",
      targetId: request.id,
      before: { status: "PENDING" },
      after: { status, agentId: request.agentId, kind: request.kind, summary: request.summary, comment },
    });
    if (status === "APPROVED") await bumpPolicyVersion(tx, member.orgId);
    return { id: request.id, status };
  });
}
