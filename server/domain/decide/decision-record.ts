import { sha256Hex } from "../audit/hash-chain";
import { canonicalJson, toJsonValue, type JsonValue } from "../canonical-json";
import type { EffectClass, QuotaMetric, QuotaWindow } from "../policy/policy-snapshot";
import type { DecisionKind, Reason } from "./reason-codes";

/** The answer of /api/decide, as sent and as stored for idempotent replays. */
export type DecideResponse = {
  decision: DecisionKind;
  decisionId: string;
  reason: Reason;
  grantId: string | null;
  approval: { id: string; expiresAt: string } | null;
  quotas: { metric: QuotaMetric; window: QuotaWindow; used: number; limit: number }[];
  /** Only for decisions on an approved plan's step: the plan and its budget after this decision. */
  plan?: { id: string; budget: { metric: QuotaMetric; used: number; limit: number }[] };
};

export type DecisionOutcome = "ALLOW" | "DENY" | "REQUIRE_APPROVAL";

export const OUTCOME_OF: Record<DecisionKind, DecisionOutcome> = {
  allow: "ALLOW",
  deny: "DENY",
  require_approval: "REQUIRE_APPROVAL",
};

/**
 * Decision chains are partitioned per org and writer (an instance's flush slot), so that
 * concurrent batches never wait on each other's chain head.
 */
export const decisionChainKey = (orgId: string, writer: string) => `dec:${orgId}:${writer}`;
export const DECISION_CHAIN_PREFIX = "dec:";

/** One row of `decisions`, as written. */
export type DecisionRecord = {
  id: string;
  orgId: string;
  agentId: string;
  runId: string | null;
  credentialId: string | null;
  tool: string;
  operation: string;
  resource: string;
  params: JsonValue;
  actionHash: string;
  effect: EffectClass | null;
  outcome: DecisionOutcome;
  reasonCode: string;
  reasonMessage: string;
  grantId: string | null;
  approvalId: string | null;
  planId: string | null;
  policyVersion: number;
  latencyMicros: number;
  spendCents: number;
  tokens: number;
  onBehalfOf: string | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  response: JsonValue;
  chainKey: string;
  seq: bigint;
  prevHash: string;
  hash: string;
  createdAt: Date;
};

type HashedFields = Omit<
  DecisionRecord,
  "chainKey" | "prevHash" | "hash" | "seq" | "spendCents" | "tokens"
> & {
  seq: bigint | number | string;
  spendCents: bigint | number | string;
  tokens: bigint | number | string;
  /** Read back from a purged row (params NULL): the digest the purge kept. */
  paramsDigest?: string | null;
};

// The chain hash covers a digest of the stored (already redacted) params rather than the params
// themselves, so that a retention purge can remove the payload and keep the digest
// (decisions.params_digest) while every chain still verifies. A purged row's digest is used only
// when its params are gone: a row that still has params is always checked against them.
function paramsDigestOf(row: HashedFields, paramsJson?: string): string {
  if ((row.params === null || row.params === undefined) && row.paramsDigest) return row.paramsDigest;
  return sha256Hex(paramsJson ?? canonicalJson(row.params ?? null));
}

/**
 * The fields a decision's chain hash covers, in the form verification reads them back (numbers
 * that are BIGINT in the table as strings, timestamps as ISO strings, JSON as plain values).
 */
export function decisionHashContent(row: HashedFields) {
  return {
    id: row.id,
    orgId: row.orgId,
    seq: String(row.seq),
    agentId: row.agentId,
    runId: row.runId,
    credentialId: row.credentialId,
    tool: row.tool,
    operation: row.operation,
    resource: row.resource,
    paramsDigest: paramsDigestOf(row),
    actionHash: row.actionHash,
    effect: row.effect,
    outcome: row.outcome,
    reasonCode: row.reasonCode,
    reasonMessage: row.reasonMessage,
    grantId: row.grantId,
    approvalId: row.approvalId,
    planId: row.planId,
    policyVersion: row.policyVersion,
    latencyMicros: row.latencyMicros,
    spendCents: String(row.spendCents),
    tokens: String(row.tokens),
    onBehalfOf: row.onBehalfOf,
    idempotencyKey: row.idempotencyKey,
    requestHash: row.requestHash,
    response: toJsonValue(row.response ?? null),
    createdAt: row.createdAt.toISOString(),
  };
}

// The decision path hashes every decision it writes, and the verifier every decision it reads, so
// the canonical form of the content is built directly here (keys in their sorted order, only params
// and response walked generically) rather than through a copy of the whole record. It is
// byte-for-byte canonicalJson of decisionHashContent, the field list both derive from; unit tests
// hold the two together.
const CONTENT_KEYS = Object.keys(
  decisionHashContent({
    id: "",
    orgId: "",
    seq: 0,
    agentId: "",
    runId: null,
    credentialId: null,
    tool: "",
    operation: "",
    resource: "",
    params: null,
    actionHash: "",
    effect: null,
    outcome: "DENY",
    reasonCode: "",
    reasonMessage: "",
    grantId: null,
    approvalId: null,
    planId: null,
    policyVersion: 0,
    latencyMicros: 0,
    spendCents: 0,
    tokens: 0,
    onBehalfOf: null,
    idempotencyKey: null,
    requestHash: null,
    response: null,
    createdAt: new Date(0),
  }),
).sort();
const QUOTED_KEYS = CONTENT_KEYS.map((key) => `${JSON.stringify(key)}:`);

/** Canonical JSON of params and response already at hand (they are the costly part to walk). */
export type CanonicalParts = { params?: string; response?: string };

function canonicalDecisionContent(row: HashedFields, parts: CanonicalParts): string {
  let out = "{";
  for (let i = 0; i < CONTENT_KEYS.length; i++) {
    const key = CONTENT_KEYS[i]!;
    let json: string;
    switch (key) {
      case "paramsDigest":
        json = JSON.stringify(paramsDigestOf(row, parts.params));
        break;
      case "response":
        json = parts.response ?? canonicalJson(row.response ?? null);
        break;
      case "seq":
      case "spendCents":
      case "tokens":
        json = JSON.stringify(String(row[key]));
        break;
      case "createdAt":
        json = JSON.stringify(row.createdAt.toISOString());
        break;
      default:
        json = JSON.stringify((row as Record<string, unknown>)[key] ?? null);
    }
    if (i > 0) out += ",";
    out += QUOTED_KEYS[i]! + json;
  }
  return `${out}}`;
}

/**
 * chainHash(prevHash, decisionHashContent(row)), computed without the intermediate copy. `parts`
 * may carry canonicalJson(row.params) and canonicalJson(row.response) when the caller has them.
 */
export function decisionChainHash(prevHash: string, row: HashedFields, parts: CanonicalParts = {}): string {
  return sha256Hex(`${prevHash}\n${canonicalDecisionContent(row, parts)}`);
}
