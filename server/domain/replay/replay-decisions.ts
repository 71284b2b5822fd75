// Re-evaluate recorded decisions with the pure evaluate() against two snapshots — the policy as
// it is and the draft — and report, row by row, which answers would change. No I/O.
//
// Quotas: each side counts consumption from zero, in the order the decisions were recorded,
// within the replayed set only (usage from before the set, or by decisions left out of it, is
// not counted). An allow consumes; a require_approval needs headroom, as in the real commit.
//
// Approvals: a decision that presented an approval is replayed with an approval in the state its
// recorded answer shows (approved, pending, denied, expired, used), so that the replay isolates
// what grants and quotas change.
import type { PresentedApproval } from "../decide/check-presented-approval";
import { evaluate } from "../decide/evaluate";
import { tryConsume } from "../decide/quota-charges";
import { REASON_CODES, type DecisionKind, type ReasonCode } from "../decide/reason-codes";
import type { PolicySnapshot } from "../policy/policy-snapshot";

export type RecordedDecision = {
  id: string;
  createdAt: Date;
  agentId: string;
  runId: string | null;
  tool: string;
  operation: string;
  resource: string;
  params: unknown;
  spendCents: number;
  tokens: number;
  onBehalfOf: string | null;
  approvalId: string | null;
  actionHash: string;
  decision: DecisionKind;
  reasonCode: string;
};

export type ReplayAnswer = { decision: DecisionKind; code: ReasonCode; reason: string };

export type ReplayRow = {
  decisionId: string;
  at: Date;
  runId: string | null;
  tool: string;
  operation: string;
  resource: string;
  params: unknown;
  recorded: { decision: DecisionKind; code: string };
  before: ReplayAnswer;
  after: ReplayAnswer;
};

type Tally = Record<DecisionKind, number>;

export type ReplayTotals = {
  replayed: number;
  changed: number;
  before: Tally;
  after: Tally;
  /** e.g. { "allow → deny": 3, "deny, another reason": 1 } */
  transitions: Record<string, number>;
};

/** At most this many changed rows are returned; the totals always count every row. */
export const MAX_CHANGED_ROWS = 1000;

const PRESENTED_STATUS: Partial<Record<string, PresentedApproval["status"]>> = {
  APPROVAL_PENDING: "PENDING",
  APPROVAL_DENIED: "DENIED",
  APPROVAL_EXPIRED: "EXPIRED",
  APPROVAL_CONSUMED: "CONSUMED",
};

function presentedApproval(d: RecordedDecision): PresentedApproval | null {
  // APPROVAL_REQUIRED rows name the approval they opened, not one they presented.
  if (!d.approvalId || d.reasonCode === "APPROVAL_REQUIRED") return null;
  return {
    id: d.approvalId,
    agentId: d.reasonCode === "APPROVAL_ACTION_MISMATCH" ? "(another agent)" : d.agentId,
    actionHash: d.actionHash,
    status: PRESENTED_STATUS[d.reasonCode] ?? "APPROVED",
    expiresAt: new Date(8.64e15),
    consumedAt: null,
  };
}

function answerOf(code: ReasonCode): ReplayAnswer {
  return { decision: REASON_CODES[code].decision, code, reason: REASON_CODES[code].message };
}

function replayOne(snapshot: PolicySnapshot, used: Map<string, number>, d: RecordedDecision): ReplayAnswer {
  const presented = presentedApproval(d);
  const params =
    d.params !== null && typeof d.params === "object" && !Array.isArray(d.params)
      ? (d.params as Record<string, unknown>)
      : {};
  const evaluation = evaluate(snapshot, {
    agentId: d.agentId,
    actionHash: d.actionHash,
    now: d.createdAt,
    presentedApproval: presented,
    request: {
      runId: d.runId,
      tool: d.tool,
      operation: d.operation,
      resource: d.resource,
      params,
      cost: { spendCents: d.spendCents, tokens: d.tokens },
      onBehalfOf: d.onBehalfOf,
      approvalId: presented?.id ?? null,
      idempotencyKey: null,
      environment: null,
    },
  });
  const code = evaluation.reason.code;
  if (evaluation.decision === "allow") {
    return answerOf(tryConsume(used, evaluation.quotaCharges, true) ? code : "QUOTA_EXCEEDED");
  }
  if (code === "APPROVAL_REQUIRED" && !tryConsume(used, evaluation.quotaCharges, false)) {
    return answerOf("QUOTA_EXCEEDED");
  }
  return answerOf(code);
}

const emptyTally = (): Tally => ({ allow: 0, deny: 0, require_approval: 0 });

export function replayDecisions(
  snapshots: { before: PolicySnapshot; after: PolicySnapshot },
  decisions: readonly RecordedDecision[],
): { rows: ReplayRow[]; totals: ReplayTotals } {
  const usedBefore = new Map<string, number>();
  const usedAfter = new Map<string, number>();
  const totals: ReplayTotals = {
    replayed: 0,
    changed: 0,
    before: emptyTally(),
    after: emptyTally(),
    transitions: {},
  };
  const rows: ReplayRow[] = [];
  for (const d of decisions) {
    const before = replayOne(snapshots.before, usedBefore, d);
    const after = replayOne(snapshots.after, usedAfter, d);
    totals.replayed += 1;
    totals.before[before.decision] += 1;
    totals.after[after.decision] += 1;
    if (before.code === after.code) continue;
    totals.changed += 1;
    // Same kind of answer for another reason (e.g. a denial that becomes QUOTA_EXCEEDED).
    const transition =
      before.decision === after.decision
        ? `${before.decision}, another reason`
        : `${before.decision} → ${after.decision}`;
    totals.transitions[transition] = (totals.transitions[transition] ?? 0) + 1;
    if (rows.length < MAX_CHANGED_ROWS) {
      rows.push({
        decisionId: d.id,
        at: d.createdAt,
        runId: d.runId,
        tool: d.tool,
        operation: d.operation,
        resource: d.resource,
        params: d.params,
        recorded: { decision: d.decision, code: d.reasonCode },
        before,
        after,
      });
    }
  }
  return { rows, totals };
}
