// One line of a run's story, as the run page shows it and the export writes it. The field names
// are part of the export format (documented in the README): add fields, never rename them.
import { REASON_CODES, type DecisionKind } from "../decide/reason-codes";

export type TimelineVote = {
  voter: { name: string; email: string };
  vote: "APPROVE" | "DENY";
  comment: string;
  /** What the approver was shown when voting, as stored. */
  shown: unknown;
  at: Date;
};

export type TimelineApproval = {
  id: string;
  status: string;
  /** Why a person had to approve, in words. */
  ruleReason: string;
  requiredApprovers: number;
  /** The exact action people were asked to approve. */
  action: unknown;
  expiresAt: Date;
  decidedAt: Date | null;
  consumedAt: Date | null;
  votes: TimelineVote[];
};

export type DecisionEntry = {
  type: "decision";
  id: string;
  at: Date;
  decision: DecisionKind;
  reasonCode: string;
  /** The plain-language sentence for the reason code. */
  reason: string;
  tool: string;
  operation: string;
  resource: string;
  /** As stored: after the tool's redaction rules. */
  params: unknown;
  effect: string | null;
  grantId: string | null;
  approvalId: string | null;
  onBehalfOf: string | null;
  policyVersion: number;
  latencyMicros: number;
  spendCents: number;
  tokens: number;
  actionHash: string;
  hash: string;
  /** The approval this decision asked for, with its votes (null when it asked for none). */
  approval: TimelineApproval | null;
};

export type EventEntry = {
  type: "event";
  id: string;
  at: Date;
  kind: "OUTCOME" | "SIDE_EFFECT" | "ERROR" | "MODEL_CALL" | "NOTE";
  status: string | null;
  summary: string;
  resultDigest: string | null;
  externalUrl: string | null;
  decisionId: string | null;
  data: unknown;
};

export type TimelineEntry = DecisionEntry | EventEntry;

const DECISION_KIND = {
  ALLOW: "allow",
  DENY: "deny",
  REQUIRE_APPROVAL: "require_approval",
} as const satisfies Record<string, DecisionKind>;

export const decisionKind = (outcome: keyof typeof DECISION_KIND): DecisionKind => DECISION_KIND[outcome];

/** The sentence for a reason code; a code this version does not know keeps the stored message. */
export function reasonSentence(code: string, stored: string): string {
  return Object.hasOwn(REASON_CODES, code) ? REASON_CODES[code as keyof typeof REASON_CODES].message : stored;
}

/** Time order, ties broken by id (decision ids `dec_` sort before event ids `rev_`). */
export function compareEntries(a: { at: Date; id: string }, b: { at: Date; id: string }): number {
  const dt = a.at.getTime() - b.at.getTime();
  if (dt !== 0) return dt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const KIND_RANK: Record<EventEntry["kind"], number> = {
  MODEL_CALL: 0,
  OUTCOME: 1,
  SIDE_EFFECT: 2,
  ERROR: 3,
  NOTE: 4,
};

/**
 * Display order within a page: time, then decisions before events, then the events of one
 * outcome report (written in one statement, so with one timestamp) as outcome → side effects →
 * error. A lexicographic key, so a total order.
 */
export function storyOrder(a: TimelineEntry, b: TimelineEntry): number {
  const key = (e: TimelineEntry) =>
    e.type === "decision" ? ([0, e.id, 0] as const) : ([1, e.decisionId ?? e.id, KIND_RANK[e.kind]] as const);
  const dt = a.at.getTime() - b.at.getTime();
  if (dt !== 0) return dt;
  const [ta, ga, ra] = key(a);
  const [tb, gb, rb] = key(b);
  if (ta !== tb) return ta - tb;
  if (ga !== gb) return ga < gb ? -1 : 1;
  if (ra !== rb) return ra - rb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
