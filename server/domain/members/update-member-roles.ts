import type { Tx } from "../../db";
import { parseField } from "../agents/agent-fields";
import { authorizeIfMember, type ChangeContext } from "../agents/change-context";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RoleName } from "../auth/permissions";
import { assertMembershipChangeAllowed } from "./assert-membership-change-allowed";
import { lockMemberForChange, memberAuditSnapshot } from "./lock-member-for-change";
import { memberRolesSchema, sameRoles } from "./member-fields";

export type UpdateMemberRolesInput = { memberId: string; roles: RoleName[] };

/** Replace a member's roles. The org keeps an admin, and agents in service keep an owner. */
export async function updateMemberRoles(
  tx: Tx,
  ctx: ChangeContext,
  input: UpdateMemberRolesInput,
): Promise<{ memberId: string; roles: RoleName[] }> {
  authorizeIfMember(ctx, "members:manage");
  const roles = parseField(memberRolesSchema, input.roles, "roles");
  const member = await lockMemberForChange(tx, ctx.orgId, input.memberId);
  // Nothing to change: no audit event.
  if (sameRoles(member.roles, roles)) return { memberId: member.id, roles: member.roles };

  await assertMembershipChangeAllowed(tx, member, roles, "roles");
  await tx.member.update({ where: { id: member.id }, data: { roles } });
  await writeAuditEvent(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: "member.roles_changed",
    targetType: "member",
    targetId: member.id,
    before: memberAuditSnapshot(member),
    after: memberAuditSnapshot(member, roles),
  });
  return { memberId: member.id, roles };
}
