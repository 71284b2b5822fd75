import type { DbOrTx } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { decisionKind } from "../runs/timeline-entry";
import { parseReplayDraft } from "./replay-draft";
import { replayDecisions, type RecordedDecision } from "./replay-decisions";
import { buildReplaySnapshots } from "./replay-snapshots";

export const MAX_REPLAY_DAYS = 30;
export const MAX_REPLAY_DECISIONS = 5000;

export type ReplayScope = { kind: "run"; runId: string } | { kind: "days"; days: number };

/**
 * What-if: replay one run's decisions, or the agent's last N days, against a draft of the agent's
 * grants and quotas. Reads only; nothing is applied. org:read is enough: it changes nothing.
 */
export async function runReplay(
  db: DbOrTx,
  member: MemberContext,
  input: { agentId: string; draft: string; scope: ReplayScope; now?: Date },
) {
  authorize(member, "org:read");
  const agent = await db.agent.findFirst({
    where: { id: input.agentId, orgId: member.orgId },
    select: { id: true, name: true },
  });
  if (!agent) throw notFound("This agent");
  const draft = parseReplayDraft(input.draft);

  const now = input.now ?? new Date();
  let where: { orgId: string; agentId: string; runId?: string; createdAt?: { gte: Date } };
  let newestFirst = false;
  let since: Date | null = null;
  if (input.scope.kind === "run") {
    const run = await db.run.findFirst({
      where: { id: input.scope.runId, orgId: member.orgId, agentId: agent.id },
      select: { id: true },
    });
    if (!run) throw notFound("This run");
    where = { orgId: member.orgId, agentId: agent.id, runId: run.id };
  } else {
    const days = input.scope.days;
    if (!Number.isInteger(days) || days < 1 || days > MAX_REPLAY_DAYS) {
      throw new AppError("INVALID_REQUEST", `Choose between 1 and ${MAX_REPLAY_DAYS} days.`, {
        issues: [{ path: "days", message: `must be a whole number from 1 to ${MAX_REPLAY_DAYS}` }],
      });
    }
    since = new Date(now.getTime() - days * 86_400_000);
    where = { orgId: member.orgId, agentId: agent.id, createdAt: { gte: since } };
    // Over the cap, the most recent decisions are the ones worth replaying.
    newestFirst = true;
  }

  const [total, rows] = await Promise.all([
    db.decision.count({ where }),
    db.decision.findMany({
      where,
      orderBy: newestFirst ? [{ createdAt: "desc" }, { id: "desc" }] : [{ createdAt: "asc" }, { id: "asc" }],
      take: MAX_REPLAY_DECISIONS,
      select: {
        id: true,
        createdAt: true,
        agentId: true,
        runId: true,
        tool: true,
        operation: true,
        resource: true,
        params: true,
        spendCents: true,
        tokens: true,
        onBehalfOf: true,
        approvalId: true,
        actionHash: true,
        outcome: true,
        reasonCode: true,
      },
    }),
  ]);
  if (newestFirst) rows.reverse();
  const decisions: RecordedDecision[] = rows.map((r) => ({
    ...r,
    spendCents: Number(r.spendCents),
    tokens: Number(r.tokens),
    decision: decisionKind(r.outcome),
  }));

  const snapshots = await buildReplaySnapshots(db, member.orgId, agent.id, draft);
  const result = replayDecisions(snapshots, decisions);
  const capped = total > decisions.length;
  return {
    agent,
    scope: input.scope,
    since,
    totalDecisions: total,
    capped,
    capMessage: capped
      ? `Only ${decisions.length.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} decisions were replayed (the ${
          newestFirst ? "most recent" : "first"
        } ones): a what-if replays at most ${MAX_REPLAY_DECISIONS.toLocaleString("en-US")}. Choose fewer days for a complete answer.`
      : null,
    ...result,
  };
}
