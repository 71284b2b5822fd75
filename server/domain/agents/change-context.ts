import type { Actor } from "../audit/write-audit-event";
import {
  authorize,
  authorizeAgentChange,
  can,
  type MemberContext,
  type Permission,
} from "../auth/permissions";
import { AppError } from "../errors";

/**
 * Who is making a change, and in which org. The console always passes the signed-in `member`,
 * whose roles are checked. The command line passes only an `actor` (`cli:<user>`): whoever runs
 * it already holds the database's own credentials, so a role check would protect nothing.
 */
export type ChangeContext = {
  orgId: string;
  actor: Actor;
  member?: MemberContext;
};

/** How a console member appears in the audit trail. */
export function memberActor(member: Pick<MemberContext, "userId" | "email">): Actor {
  return { type: "USER", id: member.userId, label: member.email };
}

/** The change context of a console member acting in their selected org. */
export function memberContext(member: MemberContext): ChangeContext {
  return { orgId: member.orgId, actor: memberActor(member), member };
}

export function authorizeIfMember(ctx: ChangeContext, permission: Permission): void {
  if (ctx.member) authorize(ctx.member, permission);
}

export function authorizeAgentChangeIfMember(ctx: ChangeContext, agent: { ownerId: string }): void {
  if (ctx.member) authorizeAgentChange(ctx.member, agent);
}

/** Only admins hand an agent to someone else; the command line declares owners freely. */
export function mayChooseOwner(ctx: ChangeContext): boolean {
  return !ctx.member || ctx.member.roles.includes("ADMIN");
}

/**
 * The coarse check every agent-changing procedure makes before loading anything: the member must
 * be able to change some agent. Which agent exactly is checked again once it is loaded.
 */
export function authorizeAnyAgentChange(member: MemberContext): void {
  if (!can(member, "agents:manage-any") && !can(member, "agents:manage-own")) {
    throw new AppError("FORBIDDEN", "Your role does not allow changing agents. Ask an admin if you need it.");
  }
}
