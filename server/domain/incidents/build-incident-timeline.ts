import type { DbOrTx } from "../../db";
import type { IncidentEntryKind } from "../../generated/prisma/client";
import { byTime, type IncidentTimelineItem } from "./incident-timeline-item";
import { KIND_LABELS, type LinkableKind } from "./incident-fields";

/** Decisions of linked runs shown inline; a longer run is read on its own page. */
export const MAX_TIMELINE_DECISIONS = 500;
const MAX_AGENT_EVENTS = 100;

export type TimelineEntry = {
  id: string;
  kind: IncidentEntryKind;
  refId: string | null;
  body: string;
  createdAt: Date;
  author: string | null;
};

export type IncidentLinks = {
  killSwitches: {
    id: string;
    scope: string;
    targetId: string | null;
    reason: string;
    releasedAt: Date | null;
  }[];
  agents: { id: string; name: string; status: string }[];
  runs: { id: string; agentId: string; status: string; startedAt: Date }[];
  decisions: number;
  approvals: number;
};

const outcomeWord = { ALLOW: "allow", DENY: "deny", REQUIRE_APPROVAL: "require_approval" } as const;

/**
 * Join everything an incident links into one time-ordered story: the switch (engaged, released),
 * the agents' state changes, the runs with their decisions and approvals, and the responders'
 * notes and status changes. Every read is bounded; `truncated` says what was cut.
 */
export async function buildIncidentTimeline(db: DbOrTx, orgId: string, entries: TimelineEntry[]) {
  const refs = (kind: LinkableKind) =>
    entries.filter((e) => e.kind === kind && e.refId).map((e) => e.refId as string);
  const switches = await db.killSwitch.findMany({ where: { orgId, id: { in: refs("KILL_SWITCH") } } });
  const switchEvents = await db.auditEvent.findMany({
    where: { orgId, targetType: "kill_switch", targetId: { in: switches.map((s) => s.id) } },
    select: { targetId: true, action: true, actorLabel: true, after: true },
  });
  const cancelledIds = switchEvents.flatMap((e) => {
    const after = e.after as { cancelledApprovalIds?: unknown } | null;
    return Array.isArray(after?.cancelledApprovalIds) ? (after.cancelledApprovalIds as string[]) : [];
  });
  const agentIds = [
    ...new Set([
      ...refs("AGENT"),
      ...switches.filter((s) => s.scope === "AGENT").map((s) => s.targetId ?? ""),
    ]),
  ];
  const runIds = refs("RUN");
  const [agents, runs, decisions, approvals, agentEvents] = await Promise.all([
    db.agent.findMany({
      where: { orgId, id: { in: agentIds } },
      select: { id: true, name: true, status: true },
    }),
    db.run.findMany({ where: { orgId, id: { in: runIds } }, orderBy: { startedAt: "asc" } }),
    db.decision.findMany({
      where: { orgId, OR: [{ id: { in: refs("DECISION") } }, { runId: { in: runIds } }] },
      orderBy: { createdAt: "asc" },
      take: MAX_TIMELINE_DECISIONS + 1,
      select: {
        id: true,
        agentId: true,
        runId: true,
        tool: true,
        operation: true,
        resource: true,
        outcome: true,
        reasonCode: true,
        reasonMessage: true,
        createdAt: true,
      },
    }),
    db.approval.findMany({
      where: {
        orgId,
        OR: [{ id: { in: [...refs("APPROVAL"), ...cancelledIds] } }, { runId: { in: runIds } }],
      },
      orderBy: { createdAt: "asc" },
      take: MAX_TIMELINE_DECISIONS,
      select: {
        id: true,
        agentId: true,
        runId: true,
        ruleReason: true,
        status: true,
        createdAt: true,
        decidedAt: true,
        action: true,
        votes: { select: { vote: true, member: { select: { user: { select: { email: true } } } } } },
      },
    }),
    db.auditEvent.findMany({
      where: { orgId, targetType: "agent", targetId: { in: agentIds } },
      orderBy: { createdAt: "desc" },
      take: MAX_AGENT_EVENTS,
      select: { id: true, targetId: true, action: true, actorLabel: true, after: true, createdAt: true },
    }),
  ]);
  const agentName = new Map(agents.map((a) => [a.id, a.name]));
  const nameOf = (id: string | null) => (id ? (agentName.get(id) ?? id) : null);
  const truncated: string[] = [];
  if (decisions.length > MAX_TIMELINE_DECISIONS) {
    decisions.pop();
    truncated.push(
      `Only the first ${MAX_TIMELINE_DECISIONS} decisions are shown; open the run for all of them.`,
    );
  }
  const items: IncidentTimelineItem[] = [];
  const item = (
    x: Omit<IncidentTimelineItem, "actor" | "outcome" | "href" | "refId" | "detail"> &
      Partial<IncidentTimelineItem>,
  ) => items.push({ actor: null, outcome: null, href: null, refId: null, detail: null, ...x });

  const linkGroups = new Map<string, IncidentTimelineItem>();
  for (const e of entries) {
    if (e.kind === "NOTE")
      item({
        key: `note:${e.id}`,
        at: e.createdAt,
        kind: "note",
        title: "Note",
        detail: e.body,
        actor: e.author,
      });
    else if (e.kind === "STATUS")
      item({
        key: `status:${e.id}`,
        at: e.createdAt,
        kind: "status",
        title: "Status changed",
        detail: e.body,
        actor: e.author,
      });
    else {
      // Items linked together (an incident opened from a switch links its agent and runs too)
      // make one line: who linked what, when.
      const group = `${e.createdAt.getTime()}|${e.author ?? ""}`;
      const label = `${KIND_LABELS[e.kind]} ${e.kind === "AGENT" ? nameOf(e.refId) : e.refId}`;
      const existing = linkGroups.get(group);
      if (existing) existing.detail = `${existing.detail}, ${label}`;
      else {
        const line: IncidentTimelineItem = {
          key: `linked:${e.id}`,
          at: e.createdAt,
          kind: "linked",
          title: "Linked to the incident",
          detail: label,
          actor: e.author,
          outcome: null,
          href: null,
          refId: e.refId,
        };
        linkGroups.set(group, line);
        items.push(line);
      }
    }
  }
  for (const s of switches) {
    const by = (action: string) =>
      switchEvents.find((e) => e.targetId === s.id && e.action === action)?.actorLabel ?? null;
    const target =
      s.scope === "ORG"
        ? "the whole organization"
        : s.scope === "AGENT"
          ? `agent ${nameOf(s.targetId)}`
          : "an environment";
    item({
      key: `ksw:${s.id}`,
      at: s.engagedAt,
      kind: "kill_switch.engaged",
      title: `Kill switch engaged on ${target}`,
      detail: s.reason,
      actor: by("killswitch.engaged"),
      href: "/kill-switch",
      refId: s.id,
    });
    if (s.releasedAt)
      item({
        key: `ksw-released:${s.id}`,
        at: s.releasedAt,
        kind: "kill_switch.released",
        title: `Kill switch released on ${target}`,
        detail: s.releaseReason,
        actor: by("killswitch.released"),
        href: "/kill-switch",
        refId: s.id,
      });
  }
  for (const e of agentEvents) {
    item({
      key: `aud:${e.id}`,
      at: e.createdAt,
      kind: "agent.event",
      title: `${nameOf(e.targetId)}: ${e.action.replace("agent.", "")}`,
      actor: e.actorLabel,
      href: `/agents/${e.targetId}`,
      refId: e.targetId,
    });
  }
  for (const r of runs) {
    item({
      key: `run:${r.id}`,
      at: r.startedAt,
      kind: "run.started",
      title: `Run started by ${nameOf(r.agentId)}`,
      detail: r.onBehalfOf ? `On behalf of ${r.onBehalfOf}` : null,
      outcome: r.status.toLowerCase(),
      href: `/runs/${r.id}`,
      refId: r.id,
    });
    if (r.endedAt)
      item({
        key: `run-end:${r.id}`,
        at: r.endedAt,
        kind: "run.ended",
        title: "Run ended",
        detail: r.summary,
        outcome: r.status.toLowerCase(),
        href: `/runs/${r.id}`,
        refId: r.id,
      });
  }
  for (const d of decisions) {
    item({
      key: `dec:${d.id}`,
      at: d.createdAt,
      kind: "decision",
      title: `${d.tool} ${d.operation} on ${d.resource}`,
      detail: d.reasonMessage,
      actor: nameOf(d.agentId),
      outcome: outcomeWord[d.outcome],
      href: d.runId ? `/runs/${d.runId}` : null,
      refId: d.id,
    });
  }
  for (const a of approvals) {
    const href = a.runId ? `/runs/${a.runId}` : null;
    item({
      key: `apr:${a.id}`,
      at: a.createdAt,
      kind: "approval.requested",
      title: `Approval requested for ${nameOf(a.agentId)}`,
      detail: a.ruleReason,
      outcome: "pending",
      href,
      refId: a.id,
    });
    if (a.decidedAt) {
      const voters = a.votes.map((v) => `${v.member.user.email} (${v.vote.toLowerCase()})`).join(", ");
      item({
        key: `apr-end:${a.id}`,
        at: a.decidedAt,
        kind: "approval.decided",
        title: `Approval ${a.status.toLowerCase()}`,
        detail: voters || null,
        outcome: a.status.toLowerCase(),
        href,
        refId: a.id,
      });
    }
  }
  items.sort(byTime);
  const links: IncidentLinks = {
    killSwitches: switches.map((s) => ({
      id: s.id,
      scope: s.scope,
      targetId: s.targetId,
      reason: s.reason,
      releasedAt: s.releasedAt,
    })),
    agents,
    runs: runs.map((r) => ({ id: r.id, agentId: r.agentId, status: r.status, startedAt: r.startedAt })),
    decisions: decisions.length,
    approvals: approvals.length,
  };
  return { items, links, truncated };
}
