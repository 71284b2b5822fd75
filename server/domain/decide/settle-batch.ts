// The in-order settlement of one group-commit batch, as a pure function of the rows the commit
// has locked. Requests are settled in arrival order, so when N requests race for the last K
// units of a quota, the first K win — within a batch here, across batches and instances by the
// row locks the commit holds while this runs.
import type { JsonValue } from "../canonical-json";
import type { QuotaMetric, QuotaWindow } from "../policy/policy-snapshot";
import { planBudgetReport } from "../plans/plan-envelope";
import type { CanonicalAction } from "./action-hash";
import { checkPresentedApproval, type PresentedApproval } from "./check-presented-approval";
import { canonicalResponseJson } from "./canonical-forms";
import { decisionChainHash, OUTCOME_OF, type DecideResponse, type DecisionRecord } from "./decision-record";
import type { Evaluation } from "./evaluate";
import { tryConsume, type QuotaCharge } from "./quota-charges";
import { reason, REASON_CODES, type ReasonCode } from "./reason-codes";

export type PendingDecision = {
  decisionId: string;
  orgId: string;
  agentId: string;
  credentialId: string | null;
  maxPendingApprovals: number;
  policyVersion: number;
  /** The action as stored: params after the tool's redaction rules (actionHash is of the original). */
  action: CanonicalAction;
  /** canonicalJson(action.params), when the caller has it (it saves walking the params again). */
  paramsJson?: string;
  actionHash: string;
  /**
   * SHA-256 of the canonical request, for requests with an idempotency key only (and never for
   * answers given before the body was validated: kill switches).
   */
  requestHash: string | null;
  idempotencyKey: string | null;
  onBehalfOf: string | null;
  cost: { spendCents: number; tokens: number };
  evaluation: Evaluation;
  /** The approval the request presented, as read before evaluating. */
  presentedApproval: PresentedApproval | null;
  /** performance.now() when the request arrived. */
  receivedAt: number;
};

export type LockedState = {
  now: Date;
  /** Current usage of every window instance the batch charges, by `usageKey`. */
  usage: Map<string, number>;
  heads: Map<string, { seq: bigint; hash: string }>;
  /** Presented approvals, locked. */
  approvals: Map<string, PresentedApproval>;
  /** Open approvals per agent (for agents the batch may add one to). */
  pendingApprovals: Map<string, number>;
  /** Stored answers for the batch's idempotency keys, by `idempotencyIndex`. */
  existing: Map<string, { requestHash: string | null; response: JsonValue }>;
};

export type Settlement =
  | {
      kind: "decided";
      response: DecideResponse;
      /** The response as canonical JSON (hashed into the chain; also what is sent). */
      json?: string;
    }
  | { kind: "replay"; response: JsonValue }
  | { kind: "conflict" };

export type NewApproval = {
  id: string;
  orgId: string;
  agentId: string;
  runId: string | null;
  decisionId: string;
  grantId: string;
  actionHash: string;
  action: CanonicalAction;
  effect: string | null;
  ruleReason: string;
  onBehalfOf: string | null;
  requiredApprovers: number;
  expiresAt: Date;
  createdAt: Date;
};

export type BatchWrites = {
  usage: { agentId: string; metric: QuotaMetric; window: QuotaWindow; windowKey: string; used: number }[];
  heads: { chainKey: string; seq: bigint; hash: string }[];
  newApprovals: NewApproval[];
  consumedApprovals: { id: string; decisionId: string; consumedAt: Date }[];
  decisions: DecisionRecord[];
};

export const idempotencyIndex = (agentId: string, key: string) => `${agentId}\u0000${key}`;

/** The `quotas` of an answer: each charged window's usage after this decision. */
function quotaReport(
  usage: ReadonlyMap<string, number>,
  charges: readonly QuotaCharge[],
): DecideResponse["quotas"] {
  // A plan's budget is reported under `plan`, not as one of the agent's quotas.
  const own = charges.some((c) => c.planId) ? charges.filter((c) => !c.planId) : charges;
  return own.map((c) => ({
    metric: c.metric,
    window: c.window,
    used: usage.get(c.key) ?? 0,
    limit: c.limit,
  }));
}

export function settleBatch(
  batch: readonly PendingDecision[],
  state: LockedState,
  options: { chainKeyFor: (orgId: string) => string; newApprovalId: () => string; settledAt: number },
): { settlements: Settlement[]; writes: BatchWrites } {
  const { now } = state;
  const settlements: Settlement[] = [];
  const writes: BatchWrites = {
    usage: [],
    heads: [],
    newApprovals: [],
    consumedApprovals: [],
    decisions: [],
  };
  const touchedUsage = new Map<string, { agentId: string; charge: QuotaCharge }>();
  const consumedInBatch = new Set<string>();
  const seen = new Map<string, { requestHash: string | null; response: JsonValue }>();

  for (const p of batch) {
    const index = p.idempotencyKey ? idempotencyIndex(p.agentId, p.idempotencyKey) : null;
    const prior = index ? (state.existing.get(index) ?? seen.get(index)) : undefined;
    if (prior) {
      settlements.push(
        prior.requestHash === p.requestHash
          ? { kind: "replay", response: prior.response }
          : { kind: "conflict" },
      );
      continue;
    }
    const ev = p.evaluation;
    let code: ReasonCode = ev.reason.code;
    let approval: DecideResponse["approval"] = null;
    let approvalId = ev.consumesApprovalId ?? ev.pendingApprovalId ?? p.presentedApproval?.id ?? null;
    let quotas: DecideResponse["quotas"] = [];

    if (ev.consumesApprovalId) {
      // Re-checked under the row lock: another request may have used it since it was read.
      const locked = consumedInBatch.has(ev.consumesApprovalId)
        ? null
        : (state.approvals.get(ev.consumesApprovalId) ?? null);
      const check = consumedInBatch.has(ev.consumesApprovalId)
        ? ({ valid: false, code: "APPROVAL_CONSUMED" } as const)
        : checkPresentedApproval(locked, { agentId: p.agentId, actionHash: p.actionHash, now });
      if (!check.valid) code = check.code;
    }

    const decision = REASON_CODES[code].decision;
    if (decision === "allow") {
      if (tryConsume(state.usage, ev.quotaCharges, true)) {
        for (const charge of ev.quotaCharges) touchedUsage.set(charge.key, { agentId: p.agentId, charge });
        if (ev.consumesApprovalId) {
          consumedInBatch.add(ev.consumesApprovalId);
          writes.consumedApprovals.push({
            id: ev.consumesApprovalId,
            decisionId: p.decisionId,
            consumedAt: now,
          });
        }
      } else {
        code = "QUOTA_EXCEEDED";
      }
      quotas = quotaReport(state.usage, ev.quotaCharges);
    } else if (code === "APPROVAL_REQUIRED" && ev.approvalRequirement) {
      // Asking a person to approve what the quota would then refuse helps no one.
      const open = state.pendingApprovals.get(p.agentId) ?? 0;
      if (!tryConsume(state.usage, ev.quotaCharges, false)) code = "QUOTA_EXCEEDED";
      else if (open >= p.maxPendingApprovals) code = "APPROVAL_QUEUE_FULL";
      else {
        const requirement = ev.approvalRequirement;
        const created: NewApproval = {
          id: options.newApprovalId(),
          orgId: p.orgId,
          agentId: p.agentId,
          runId: p.action.run,
          decisionId: p.decisionId,
          grantId: requirement.grantId,
          actionHash: p.actionHash,
          action: p.action,
          effect: ev.effect,
          ruleReason: requirement.ruleReason,
          onBehalfOf: p.onBehalfOf,
          requiredApprovers: requirement.approvers,
          expiresAt: new Date(now.getTime() + requirement.ttlSeconds * 1000),
          createdAt: now,
        };
        writes.newApprovals.push(created);
        state.pendingApprovals.set(p.agentId, open + 1);
        approvalId = created.id;
        approval = { id: created.id, expiresAt: created.expiresAt.toISOString() };
      }
      quotas = quotaReport(state.usage, ev.quotaCharges);
    } else if (code === "APPROVAL_PENDING" && p.presentedApproval) {
      approval = { id: p.presentedApproval.id, expiresAt: p.presentedApproval.expiresAt.toISOString() };
    }

    const finalDecision = REASON_CODES[code].decision;
    const response: DecideResponse = {
      decision: finalDecision,
      decisionId: p.decisionId,
      // The evaluation's own sentence may be more specific than the code's (e.g. which parent
      // agent only observes); a code the commit changed gets that code's sentence.
      reason: code === ev.reason.code ? ev.reason : reason(code),
      grantId: ev.grantId,
      approval,
      quotas,
      ...(ev.planId ? { plan: planBudgetReport(state.usage, ev.quotaCharges, ev.planId) } : {}),
    };
    const chainKey = options.chainKeyFor(p.orgId);
    const head = state.heads.get(chainKey);
    if (!head) throw new Error(`The chain head ${chainKey} was not locked.`);
    const record: DecisionRecord = {
      id: p.decisionId,
      orgId: p.orgId,
      agentId: p.agentId,
      runId: p.action.run,
      credentialId: p.credentialId,
      tool: p.action.tool,
      operation: p.action.operation,
      resource: p.action.resource,
      params: p.action.params,
      actionHash: p.actionHash,
      effect: ev.effect,
      outcome: OUTCOME_OF[finalDecision],
      reasonCode: code,
      reasonMessage: response.reason.message,
      grantId: ev.grantId,
      approvalId,
      planId: ev.planId ?? null,
      policyVersion: p.policyVersion,
      latencyMicros: Math.max(0, Math.round((options.settledAt - p.receivedAt) * 1000)),
      spendCents: finalDecision === "allow" ? p.cost.spendCents : 0,
      tokens: finalDecision === "allow" ? p.cost.tokens : 0,
      onBehalfOf: p.onBehalfOf,
      idempotencyKey: p.idempotencyKey,
      requestHash: p.requestHash,
      // The answer is kept only where it may have to be replayed: a request with an idempotency
      // key. For the others everything it said is in the row already (the quota figures aside),
      // and the copy was about half of each row and of its WAL.
      response: p.idempotencyKey ? response : null,
      seq: head.seq + 1n,
      createdAt: now,
      chainKey,
      prevHash: head.hash,
      hash: "",
    };
    // The chain hash covers every field but the chain's own (chainKey, prevHash, hash).
    const responseJson = canonicalResponseJson(response);
    record.hash = decisionChainHash(head.hash, record, {
      params: p.paramsJson,
      response: record.response === null ? "null" : responseJson,
    });
    writes.decisions.push(record);
    state.heads.set(chainKey, { seq: record.seq, hash: record.hash });
    settlements.push({ kind: "decided", response, json: responseJson });
    if (index) seen.set(index, { requestHash: p.requestHash, response: response });
  }

  for (const [key, { agentId, charge }] of touchedUsage) {
    writes.usage.push({
      agentId,
      metric: charge.metric,
      window: charge.window,
      windowKey: charge.windowKey,
      used: state.usage.get(key) ?? 0,
    });
  }
  for (const [chainKey, head] of state.heads) writes.heads.push({ chainKey, seq: head.seq, hash: head.hash });
  return { settlements, writes };
}
