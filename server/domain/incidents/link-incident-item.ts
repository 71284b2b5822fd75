import type { Tx } from "../../db";
import { authorOf, incidentContext, type IncidentContext } from "./incident-context";
import { parseField } from "../agents/agent-fields";
import { writeAuditEvent } from "../audit/write-audit-event";
import { AppError } from "../errors";
import { linkableKindSchema, refIdSchema, type LinkableKind } from "./incident-fields";
import { lockIncident } from "./lock-incident";
import { resolveLinkedItem } from "./resolve-linked-item";

/**
 * Add links to an incident: the item, and the agent and run it belongs to when they are not
 * linked yet, so its timeline shows them. Returns the kinds and ids newly linked.
 */
export async function addLinks(
  tx: Tx,
  ctx: IncidentContext,
  incidentId: string,
  links: { kind: LinkableKind; refId: string }[],
): Promise<{ kind: LinkableKind; refId: string }[]> {
  const existing = await tx.incidentEntry.findMany({
    where: { incidentId, refId: { not: null } },
    select: { kind: true, refId: true },
  });
  const seen = new Set(existing.map((e) => `${e.kind}:${e.refId}`));
  const added: { kind: LinkableKind; refId: string }[] = [];
  const add = (kind: LinkableKind, refId: string) => {
    if (seen.has(`${kind}:${refId}`)) return;
    seen.add(`${kind}:${refId}`);
    added.push({ kind, refId });
  };
  for (const link of links) {
    const item = await resolveLinkedItem(tx, ctx.orgId, link.kind, link.refId);
    add(item.kind, item.id);
    if (item.agentId) add("AGENT", item.agentId);
    if (item.runId) add("RUN", item.runId);
  }
  if (added.length > 0) {
    await tx.incidentEntry.createMany({
      data: added.map((link) => ({
        orgId: ctx.orgId,
        incidentId,
        kind: link.kind,
        refId: link.refId,
        authorId: authorOf(ctx),
      })),
    });
  }
  return added;
}

/** Link one more item (a run, a decision, an approval, an agent or a switch) to an incident. */
export async function linkIncidentItem(
  tx: Tx,
  ctx: IncidentContext,
  input: { incidentId: string; kind: string; refId: string },
) {
  incidentContext.authorizeWrite(ctx);
  const kind = parseField(linkableKindSchema, input.kind, "kind");
  const refId = parseField(refIdSchema, input.refId, "refId");
  const incident = await lockIncident(tx, ctx.orgId, input.incidentId);
  const added = await addLinks(tx, ctx, incident.id, [{ kind, refId }]);
  if (added.length === 0) throw new AppError("ALREADY_EXISTS", "This item is already part of the incident.");
  await writeAuditEvent(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: "incident.linked",
    targetType: "incident",
    targetId: incident.id,
    after: { linked: added },
  });
  return { linked: added };
}
