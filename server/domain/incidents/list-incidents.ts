import type { DbOrTx } from "../../db";
import type { IncidentStatus } from "../../generated/prisma/client";
import { can, type MemberContext } from "../auth/permissions";
import { incidentContext } from "./incident-context";

const PAGE = 100;

/** Incidents of the org, newest first (open ones are what responders look for). */
export async function listIncidents(
  db: DbOrTx,
  member: MemberContext,
  input: { status?: IncidentStatus | null },
) {
  incidentContext.authorizeRead(member);
  const rows = await db.incident.findMany({
    where: { orgId: member.orgId, ...(input.status ? { status: input.status } : {}) },
    orderBy: { createdAt: "desc" },
    take: PAGE,
    include: { _count: { select: { entries: true } } },
  });
  const openers = await db.member.findMany({
    where: { orgId: member.orgId, id: { in: rows.map((r) => r.openedById ?? "") } },
    select: { id: true, user: { select: { email: true } } },
  });
  const email = new Map(openers.map((m) => [m.id, m.user.email]));
  return {
    canWrite: can(member, "incidents:write"),
    incidents: rows.map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity,
      status: r.status,
      createdAt: r.createdAt,
      resolvedAt: r.resolvedAt,
      openedBy: r.openedById ? (email.get(r.openedById) ?? null) : null,
      entries: r._count.entries,
    })),
  };
}
