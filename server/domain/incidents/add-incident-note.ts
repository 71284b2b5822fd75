import type { Tx } from "../../db";
import type { IncidentEntry } from "../../generated/prisma/client";
import { parseField } from "../agents/agent-fields";
import { writeAuditEvent } from "../audit/write-audit-event";
import { incidentContext, type IncidentContext } from "./incident-context";
import { incidentNoteSchema } from "./incident-fields";
import { lockIncident } from "./lock-incident";

/** A responder's note on the incident's timeline (who, when, what). */
export async function addIncidentNote(
  tx: Tx,
  ctx: IncidentContext,
  input: { incidentId: string; body: string },
): Promise<IncidentEntry> {
  incidentContext.authorizeWrite(ctx);
  const body = parseField(incidentNoteSchema, input.body, "body");
  const incident = await lockIncident(tx, ctx.orgId, input.incidentId);
  const entry = await tx.incidentEntry.create({
    data: { orgId: ctx.orgId, incidentId: incident.id, kind: "NOTE", body, authorId: ctx.member.id },
  });
  await writeAuditEvent(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: "incident.note_added",
    targetType: "incident",
    targetId: incident.id,
    after: { entryId: entry.id, body },
  });
  return entry;
}
