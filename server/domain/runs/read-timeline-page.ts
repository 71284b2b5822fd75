import type { DbOrTx } from "../../db";
import type { KeysetPosition } from "./keyset-cursor";
import {
  compareEntries,
  storyOrder,
  decisionKind,
  reasonSentence,
  type DecisionEntry,
  type EventEntry,
  type TimelineApproval,
  type TimelineEntry,
} from "./timeline-entry";

/**
 * One page of a run's timeline after `after`, in time order: the next `limit` entries of the
 * merge of two keyset scans (decisions and run events, each on its (run_id, created_at) index),
 * plus the approvals of that page's decisions in one indexed query. Cost per page is bounded by
 * `limit`, whatever the size of the run. No authorization here: callers check it.
 */
export async function readTimelinePage(
  db: DbOrTx,
  scope: { orgId: string; runId: string },
  after: KeysetPosition | null,
  limit: number,
): Promise<{ entries: TimelineEntry[]; last: KeysetPosition | null; more: boolean }> {
  // `created_at` is stored to the millisecond, so a Date compares exactly. The redundant `gte`
  // bounds the index range scan; the OR alone would be applied as a filter over the whole run.
  const afterWhere = after
    ? {
        createdAt: { gte: after.at },
        OR: [{ createdAt: { gt: after.at } }, { createdAt: after.at, id: { gt: after.id } }],
      }
    : {};
  const [decisions, events] = await Promise.all([
    db.decision.findMany({
      where: { orgId: scope.orgId, runId: scope.runId, ...afterWhere },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit + 1,
      select: {
        id: true,
        createdAt: true,
        outcome: true,
        reasonCode: true,
        reasonMessage: true,
        tool: true,
        operation: true,
        resource: true,
        params: true,
        effect: true,
        grantId: true,
        approvalId: true,
        onBehalfOf: true,
        policyVersion: true,
        latencyMicros: true,
        spendCents: true,
        tokens: true,
        actionHash: true,
        hash: true,
      },
    }),
    db.runEvent.findMany({
      where: { orgId: scope.orgId, runId: scope.runId, ...afterWhere },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit + 1,
      select: {
        id: true,
        createdAt: true,
        kind: true,
        status: true,
        summary: true,
        resultDigest: true,
        externalUrl: true,
        decisionId: true,
        data: true,
      },
    }),
  ]);

  const merged: (
    | { at: Date; id: string; decision: (typeof decisions)[number] }
    | { at: Date; id: string; event: (typeof events)[number] }
  )[] = [
    ...decisions.map((decision) => ({ at: decision.createdAt, id: decision.id, decision })),
    ...events.map((event) => ({ at: event.createdAt, id: event.id, event })),
  ].sort(compareEntries);
  const page = merged.slice(0, limit);
  const more = merged.length > limit;

  const decisionIds = page.flatMap((item) => ("decision" in item ? [item.decision.id] : []));
  const approvals = await approvalsFor(db, scope.orgId, decisionIds);

  const entries: TimelineEntry[] = page.map((item) => {
    if ("decision" in item) {
      const d = item.decision;
      return {
        type: "decision",
        id: d.id,
        at: d.createdAt,
        decision: decisionKind(d.outcome),
        reasonCode: d.reasonCode,
        reason: reasonSentence(d.reasonCode, d.reasonMessage),
        tool: d.tool,
        operation: d.operation,
        resource: d.resource,
        params: d.params,
        effect: d.effect,
        grantId: d.grantId,
        approvalId: d.approvalId,
        onBehalfOf: d.onBehalfOf,
        policyVersion: d.policyVersion,
        latencyMicros: d.latencyMicros,
        spendCents: Number(d.spendCents),
        tokens: Number(d.tokens),
        actionHash: d.actionHash,
        hash: d.hash,
        approval: approvals.get(d.id) ?? null,
      } satisfies DecisionEntry;
    }
    const e = item.event;
    return {
      type: "event",
      id: e.id,
      at: e.createdAt,
      kind: e.kind,
      status: e.status,
      summary: e.summary,
      resultDigest: e.resultDigest,
      externalUrl: e.externalUrl,
      decisionId: e.decisionId,
      data: e.data,
    } satisfies EventEntry;
  });
  const tail = page.at(-1);
  // The cursor is the page's last entry in (time, id) order, taken before the display order below.
  return { entries: entries.sort(storyOrder), last: tail ? { at: tail.at, id: tail.id } : after, more };
}

async function approvalsFor(
  db: DbOrTx,
  orgId: string,
  decisionIds: string[],
): Promise<Map<string, TimelineApproval>> {
  if (decisionIds.length === 0) return new Map();
  const rows = await db.approval.findMany({
    where: { orgId, decisionId: { in: decisionIds } },
    select: {
      id: true,
      decisionId: true,
      status: true,
      ruleReason: true,
      requiredApprovers: true,
      action: true,
      expiresAt: true,
      decidedAt: true,
      consumedAt: true,
      votes: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          vote: true,
          comment: true,
          shown: true,
          createdAt: true,
          member: { select: { user: { select: { name: true, email: true } } } },
        },
      },
    },
  });
  const byDecision = new Map<string, TimelineApproval>();
  for (const row of rows) {
    if (!row.decisionId) continue;
    byDecision.set(row.decisionId, {
      id: row.id,
      status: row.status,
      ruleReason: row.ruleReason,
      requiredApprovers: row.requiredApprovers,
      action: row.action,
      expiresAt: row.expiresAt,
      decidedAt: row.decidedAt,
      consumedAt: row.consumedAt,
      votes: row.votes.map((v) => ({
        voter: { name: v.member.user.name, email: v.member.user.email },
        vote: v.vote,
        comment: v.comment,
        shown: v.shown,
        at: v.createdAt,
      })),
    });
  }
  return byDecision;
}
