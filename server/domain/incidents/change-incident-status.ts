import type { Tx } from "../../db";
import type { Incident } from "../../generated/prisma/client";
import { parseField } from "../agents/agent-fields";
import { writeAuditEvent } from "../audit/write-audit-event";
import { AppError } from "../errors";
import { incidentContext, type IncidentContext } from "./incident-context";
import { STATUS_LABELS, incidentNoteSchema, incidentStatusSchema } from "./incident-fields";
import { lockIncident } from "./lock-incident";

/**
 * Move an incident between OPEN, MITIGATED and RESOLVED (reopening is allowed: a resolved
 * incident that flares up again keeps its history). The change is a line of the timeline.
 */
export async function changeIncidentStatus(
  tx: Tx,
  ctx: IncidentContext,
  input: { incidentId: string; status: string; note?: string | null },
): Promise<Incident> {
  incidentContext.authorizeWrite(ctx);
  const status = parseField(incidentStatusSchema, input.status, "status");
  const note = input.note?.trim() ? parseField(incidentNoteSchema, input.note, "note") : "";
  const incident = await lockIncident(tx, ctx.orgId, input.incidentId);
  if (incident.status === status) {
    throw new AppError(
      "PRECONDITION_FAILED",
      `The incident is already ${STATUS_LABELS[status].toLowerCase()}.`,
    );
  }
  const updated = await tx.incident.update({
    where: { id: incident.id },
    data: { status, resolvedAt: status === "RESOLVED" ? new Date() : null },
  });
  const line = `${STATUS_LABELS[incident.status]} → ${STATUS_LABELS[status]}`;
  await tx.incidentEntry.create({
    data: {
      orgId: ctx.orgId,
      incidentId: incident.id,
      kind: "STATUS",
      body: note ? `${line}: ${note}` : line,
      authorId: ctx.member.id,
    },
  });
  await writeAuditEvent(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: "incident.status_changed",
    targetType: "incident",
    targetId: incident.id,
    before: { status: incident.status },
    after: { status, note: note || null },
  });
  return updated;
}
