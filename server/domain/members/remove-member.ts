import type { Tx } from "../../db";
import { authorizeIfMember, type ChangeContext } from "../agents/change-context";
import { writeAuditEvent } from "../audit/write-audit-event";
import { AppError } from "../errors";
import { assertMembershipChangeAllowed } from "./assert-membership-change-allowed";
import { lockMemberForChange, memberAuditSnapshot } from "./lock-member-for-change";

/**
 * Remove someone from the org by taking away every role; the membership row itself stays.
 * Why not delete it: votes (approval_votes, ON DELETE RESTRICT), incident notes (SET NULL: the
 * author would silently vanish), decommissioned agents' owners (RESTRICT) and the member ids
 * kept without a foreign key (grants and credentials' createdById) all point at it. Keeping the
 * row keeps every one of those answerable to a name; with no roles it permits nothing, and the
 * user account (and other orgs' memberships) are untouched. Inviting the person again gives
 * them roles back.
 */
export async function removeMember(
  tx: Tx,
  ctx: ChangeContext,
  input: { memberId: string },
): Promise<{ memberId: string }> {
  authorizeIfMember(ctx, "members:manage");
  const member = await lockMemberForChange(tx, ctx.orgId, input.memberId);
  if (member.roles.length === 0) {
    throw new AppError(
      "PRECONDITION_FAILED",
      `${member.user.email} has already been removed from this organization.`,
    );
  }
  await assertMembershipChangeAllowed(tx, member, [], "removal");
  await tx.member.update({ where: { id: member.id }, data: { roles: [] } });
  await writeAuditEvent(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: "member.removed",
    targetType: "member",
    targetId: member.id,
    before: memberAuditSnapshot(member),
    after: memberAuditSnapshot(member, []),
  });
  return { memberId: member.id };
}
