import type { Tx } from "../../db";
import { fieldError, parseField } from "../agents/agent-fields";
import { authorizeIfMember, type ChangeContext } from "../agents/change-context";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { RoleName } from "../auth/permissions";
import { AppError } from "../errors";
import { isUniqueViolation } from "../tools/is-unique-violation";
import { lockOrgMemberships, memberAuditSnapshot, type MemberRecord } from "./lock-member-for-change";
import { memberEmailSchema, memberNameSchema, memberRolesSchema } from "./member-fields";
import type { TemporaryPassword } from "./temporary-password";

export type InviteMemberInput = {
  email: string;
  name: string;
  roles: RoleName[];
  /** Made beforehand (createTemporaryPassword): used only if the person has no account yet. */
  temporaryPassword: TemporaryPassword;
};

export type InviteMemberResult = {
  memberId: string;
  /** The one copy of a new account's password, for the admin to pass on; null for existing accounts. */
  temporaryPassword: string | null;
};

/**
 * Make someone a member of the org with the given roles. A person without an account gets one,
 * with a temporary password; a person who already has one (from another org) keeps it, and
 * their name is left as they set it. A member removed earlier (no roles left) is given roles again.
 */
export async function inviteMember(
  tx: Tx,
  ctx: ChangeContext,
  input: InviteMemberInput,
): Promise<InviteMemberResult> {
  authorizeIfMember(ctx, "members:manage");
  const email = parseField(memberEmailSchema, input.email, "email");
  const name = parseField(memberNameSchema, input.name, "name");
  const roles = parseField(memberRolesSchema, input.roles, "roles");

  await lockOrgMemberships(tx, ctx.orgId);
  // Case-insensitive, as the fleet file matches people: Sam@acme.test and sam@acme.test are one.
  let user = await tx.user.findFirst({
    where: { email: { equals: email, mode: "insensitive" } },
    select: { id: true, email: true, name: true },
  });

  let temporaryPassword: string | null = null;
  if (!user) {
    try {
      user = await tx.user.create({
        // The admin saw this password: the person must replace it at first sign-in.
        data: { email, name, passwordHash: input.temporaryPassword.hash, mustChangePassword: true },
        select: { id: true, email: true, name: true },
      });
    } catch (error) {
      // Someone created this account at the same moment (another org's invite, a first sign-in).
      if (isUniqueViolation(error)) {
        throw new AppError(
          "CONFLICT",
          `An account for ${email} was just created elsewhere. Please invite them again.`,
        );
      }
      throw error;
    }
    temporaryPassword = input.temporaryPassword.clear;
  }

  const existing = await tx.member.findUnique({
    where: { orgId_userId: { orgId: ctx.orgId, userId: user.id } },
    select: { id: true, orgId: true, userId: true, roles: true },
  });
  if (existing && existing.roles.length > 0) {
    throw fieldError("ALREADY_EXISTS", "email", `${user.email} is already a member of this organization.`);
  }

  const member: MemberRecord = existing
    ? {
        ...(await tx.member.update({ where: { id: existing.id }, data: { roles }, select: memberColumns })),
        user,
      }
    : {
        ...(await tx.member.create({
          data: { orgId: ctx.orgId, userId: user.id, roles },
          select: memberColumns,
        })),
        user,
      };

  await writeAuditEvent(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: "member.invited",
    targetType: "member",
    targetId: member.id,
    before: existing ? memberAuditSnapshot(member, existing.roles) : undefined,
    // Whether an account was made, never its password or hash.
    after: { ...memberAuditSnapshot(member), accountCreated: temporaryPassword !== null },
  });
  return { memberId: member.id, temporaryPassword };
}

const memberColumns = { id: true, orgId: true, userId: true, roles: true } as const;
