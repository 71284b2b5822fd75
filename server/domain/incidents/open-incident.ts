import type { Tx } from "../../db";
import type { Incident } from "../../generated/prisma/client";
import { parseField } from "../agents/agent-fields";
import { writeAuditEvent } from "../audit/write-audit-event";
import { incidentContext, type IncidentContext } from "./incident-context";
import {
  incidentSeveritySchema,
  incidentTitleSchema,
  linkableKindSchema,
  refIdSchema,
  type LinkableKind,
} from "./incident-fields";
import { addLinks } from "./link-incident-item";

export type OpenIncidentInput = {
  title: string;
  severity: string;
  /** What the incident starts from: a kill switch, a run or a decision (or any linkable item). */
  from?: { kind: string; id: string } | null;
};

/** Runs of a stopped agent this recent are linked along with its switch: they are what went wrong. */
const RECENT_RUNS_MS = 24 * 60 * 60 * 1000;
const MAX_RECENT_RUNS = 5;

/**
 * Open an incident, linked to what it starts from and to the agent and run involved. From a
 * kill switch on an agent, the agent's runs of the last day are linked too (at most five), so
 * the timeline shows their decisions without anyone hunting for them.
 */
export async function openIncident(
  tx: Tx,
  ctx: IncidentContext,
  input: OpenIncidentInput,
): Promise<Incident> {
  incidentContext.authorizeWrite(ctx);
  const title = parseField(incidentTitleSchema, input.title, "title");
  const severity = parseField(incidentSeveritySchema, input.severity, "severity");
  const links: { kind: LinkableKind; refId: string }[] = [];
  if (input.from) {
    const kind = parseField(linkableKindSchema, input.from.kind, "from.kind");
    links.push({ kind, refId: parseField(refIdSchema, input.from.id, "from.id") });
  }
  const incident = await tx.incident.create({
    data: { orgId: ctx.orgId, title, severity, openedById: ctx.member.id },
  });
  const linked = await addLinks(tx, ctx, incident.id, links);
  const switchedAgent = await agentOfSwitch(tx, ctx.orgId, links);
  if (switchedAgent) {
    const runs = await tx.run.findMany({
      where: {
        orgId: ctx.orgId,
        agentId: switchedAgent.agentId,
        startedAt: { gte: new Date(switchedAgent.engagedAt.getTime() - RECENT_RUNS_MS) },
      },
      orderBy: { startedAt: "desc" },
      take: MAX_RECENT_RUNS,
      select: { id: true },
    });
    linked.push(
      ...(await addLinks(
        tx,
        ctx,
        incident.id,
        runs.map((r) => ({ kind: "RUN" as const, refId: r.id })),
      )),
    );
  }
  await writeAuditEvent(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: "incident.opened",
    targetType: "incident",
    targetId: incident.id,
    after: { title, severity, status: incident.status, linked },
  });
  return incident;
}

async function agentOfSwitch(tx: Tx, orgId: string, links: { kind: LinkableKind; refId: string }[]) {
  const link = links.find((l) => l.kind === "KILL_SWITCH");
  if (!link) return null;
  const killSwitch = await tx.killSwitch.findFirst({ where: { id: link.refId, orgId, scope: "AGENT" } });
  return killSwitch?.targetId ? { agentId: killSwitch.targetId, engagedAt: killSwitch.engagedAt } : null;
}
