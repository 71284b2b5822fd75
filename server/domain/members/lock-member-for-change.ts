import type { Tx } from "../../db";
import type { RoleName } from "../auth/permissions";
import { lockAuditChainHead } from "../audit/write-audit-event";
import { notFound } from "../errors";

export type MemberRecord = {
  id: string;
  orgId: string;
  userId: string;
  roles: RoleName[];
  user: { email: string; name: string };
};

/**
 * Serialize the changes to an org's memberships. The guards ("keep one admin") count other
 * members, so two admins demoting each other at once must run one after the other, or both
 * would see the other still in place. FOR NO KEY UPDATE does not block rows that merely
 * reference the org (decisions, agents), so the hot path is never held up by it.
 *
 * Lock order: the org's audit chain head first, then the organization row, as every other change
 * of the org takes them (its audit event, then its policy version bump). A membership change
 * that held the organization row while waiting for the head would deadlock with, say, a grant
 * created at the same moment, which holds the head and waits for the row.
 */
export async function lockOrgMemberships(tx: Tx, orgId: string): Promise<void> {
  await lockAuditChainHead(tx, orgId);
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM organizations WHERE id = ${orgId} FOR NO KEY UPDATE`;
  if (locked.length === 0) throw notFound("This organization");
}

/** Load a member of the org for a change, under the org's membership lock. Other orgs' members are not found. */
export async function lockMemberForChange(tx: Tx, orgId: string, memberId: string): Promise<MemberRecord> {
  await lockOrgMemberships(tx, orgId);
  const member = await tx.member.findFirst({
    where: { id: memberId, orgId },
    select: {
      id: true,
      orgId: true,
      userId: true,
      roles: true,
      user: { select: { email: true, name: true } },
    },
  });
  if (!member) throw notFound("This member");
  return member;
}

/** What the audit trail records of a membership: who and which roles, never credentials. */
export function memberAuditSnapshot(member: MemberRecord, roles: readonly RoleName[] = member.roles) {
  return {
    memberId: member.id,
    userId: member.userId,
    email: member.user.email,
    name: member.user.name,
    roles: [...roles],
  };
}
