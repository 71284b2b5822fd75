import type { DbOrTx } from "../../db";
import { can, type MemberContext } from "../auth/permissions";
import { notFound } from "../errors";
import { buildIncidentTimeline } from "./build-incident-timeline";
import { incidentContext } from "./incident-context";

/** Read an incident of the org with its timeline. Every role that reads the audit trail may. */
export async function getIncident(db: DbOrTx, member: MemberContext, incidentId: string) {
  incidentContext.authorizeRead(member);
  const incident = await db.incident.findFirst({
    where: { id: incidentId, orgId: member.orgId },
    include: {
      entries: {
        orderBy: { createdAt: "asc" },
        include: { author: { select: { user: { select: { email: true } } } } },
      },
    },
  });
  if (!incident) throw notFound("This incident");
  const opener = incident.openedById
    ? await db.member.findFirst({
        where: { id: incident.openedById, orgId: member.orgId },
        select: { user: { select: { email: true } } },
      })
    : null;
  const entries = incident.entries.map((e) => ({
    id: e.id,
    kind: e.kind,
    refId: e.refId,
    body: e.body,
    createdAt: e.createdAt,
    author: e.author?.user.email ?? null,
  }));
  const { items, links, truncated } = await buildIncidentTimeline(db, member.orgId, entries);
  return {
    incident: {
      id: incident.id,
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
      openedBy: opener?.user.email ?? null,
      createdAt: incident.createdAt,
      resolvedAt: incident.resolvedAt,
    },
    links,
    timeline: items,
    truncated,
    canWrite: can(member, "incidents:write"),
  };
}

export type IncidentDetail = Awaited<ReturnType<typeof getIncident>>;
