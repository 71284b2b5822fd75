import type { Actor } from "../audit/write-audit-event";
import { authorize, type MemberContext } from "../auth/permissions";
import { memberActor } from "../agents/change-context";

/** Who acts on an incident: responders are always console members (their notes carry their name). */
export type IncidentContext = { orgId: string; actor: Actor; member: MemberContext };

export function toIncidentContext(member: MemberContext): IncidentContext {
  return { orgId: member.orgId, actor: memberActor(member), member };
}

export function authorOf(ctx: IncidentContext): string {
  return ctx.member.id;
}

export const incidentContext = {
  /** Opening, noting, linking and changing status: ADMIN and SECURITY; AUDITOR reads only. */
  authorizeWrite(ctx: IncidentContext): void {
    authorize(ctx.member, "incidents:write");
  },
  authorizeRead(member: MemberContext): void {
    authorize(member, "audit:read");
  },
};
