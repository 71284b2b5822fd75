import { db } from "../../db";
import { writeAuditEvent } from "../audit/write-audit-event";
import { authorize, type MemberContext } from "../auth/permissions";

export const MAX_RETENTION_DAYS = 3650;

/** Set (days) or clear (null: keep payloads) the org's retention period of stored payloads. ADMIN only. */
export async function setRetentionPeriod(
  member: MemberContext,
  input: { retentionDays: number | null },
): Promise<{ retentionDays: number | null }> {
  authorize(member, "settings:manage");
  return db.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({
      where: { id: member.orgId },
      select: { retentionDays: true },
    });
    const after = await tx.organization.update({
      where: { id: member.orgId },
      data: { retentionDays: input.retentionDays },
      select: { retentionDays: true },
    });
    await writeAuditEvent(tx, {
      orgId: member.orgId,
      actor: { type: "USER", id: member.userId, label: member.email },
      action: "org.retention_changed",
      targetType: "organization",
      targetId: member.orgId,
      before,
      after,
    });
    return after;
  });
}
