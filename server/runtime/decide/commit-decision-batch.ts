import { randomUUID } from "node:crypto";
import type pg from "pg";
import { GENESIS_HASH } from "../../domain/audit/hash-chain";
import type { JsonValue } from "../../domain/canonical-json";
import type { PresentedApproval } from "../../domain/decide/check-presented-approval";
import { usageKey } from "../../domain/decide/quota-charges";
import {
  idempotencyIndex,
  settleBatch,
  type BatchWrites,
  type LockedState,
  type PendingDecision,
  type Settlement,
} from "../../domain/decide/settle-batch";
import {
  execute,
  inline,
  LOCK_APPROVAL_QUEUES_SQL,
  STALE_BATCH_STATE,
  type CheckedWriteRow,
} from "./batch-sql";
import type { BatchNeeds, BatchStateCache } from "./batch-state-cache";
import { writeParameters } from "./write-parameters";

// One group-commit batch is one transaction. When everything the settlement needs is known from
// the previous batches (the usual case for a running instance), it is ONE round trip and one
// implicit transaction: the approval-queue locks and a checked write. The write updates each row
// only where it still holds what the settlement assumed and aborts the transaction unless all did,
// so if anything differs nothing is written and the batch takes the slow path: two round trips,
// (BEGIN, lock and read everything the batch touches), settle in memory, (checked write, COMMIT).
// Either way no answer exists before the COMMIT has succeeded, and a batch whose state is out of
// date costs one extra round trip, never a wrong answer.

/** Where a batch's time goes (for benchmarks): summed milliseconds. */
export type BatchTiming = { buildMillis: number; queryMillis: number };

function lap(timing: BatchTiming, key: keyof BatchTiming, since: number): number {
  const now = performance.now();
  timing[key] += now - since;
  return now;
}

export type BatchOutcome = { settlements: Settlement[]; path: "fast" | "slow" | "fast-then-slow" };

type LockedRows = {
  usage: { agent_id: string; metric: string; window: string; window_key: string; used: string }[];
  heads: { chain_key: string; seq: string; hash: string }[];
  approvals: {
    id: string;
    agent_id: string;
    action_hash: string;
    status: PresentedApproval["status"];
    expires_at: string;
    consumed_at: string | null;
  }[];
  open_approvals: { agent_id: string; n: number }[];
  existing: { agent_id: string; idempotency_key: string; request_hash: string | null; response: JsonValue }[];
};

const newApprovalId = () => `apr_${randomUUID().replaceAll("-", "")}`;

export function batchNeeds(
  batch: readonly PendingDecision[],
  chainKeyFor: (orgId: string) => string,
): BatchNeeds {
  const usage: BatchNeeds["usage"] = new Map();
  const chains: BatchNeeds["chains"] = new Map();
  const opens = new Set<string>();
  const presented = new Set<string>();
  const idempotencyKeys: BatchNeeds["idempotencyKeys"] = [];
  const orgIds = new Set<string>();
  for (const p of batch) {
    for (const c of p.evaluation.quotaCharges) {
      const key = c.key;
      if (!usage.has(key)) {
        usage.set(key, {
          org_id: p.orgId,
          agent_id: p.agentId,
          metric: c.metric,
          window: c.window,
          window_key: c.windowKey,
        });
      }
    }
    const chainKey = chainKeyFor(p.orgId);
    if (!chains.has(chainKey)) chains.set(chainKey, { chain_key: chainKey, org_id: p.orgId });
    if (p.evaluation.approvalRequirement) opens.add(p.agentId);
    if (p.evaluation.consumesApprovalId) presented.add(p.evaluation.consumesApprovalId);
    if (p.idempotencyKey) idempotencyKeys.push({ agent_id: p.agentId, idempotency_key: p.idempotencyKey });
    orgIds.add(p.orgId);
  }
  return {
    usage,
    chains,
    opensApprovals: [...opens].sort(),
    presented: [...presented].sort(),
    idempotencyKeys,
    orgIds: [...orgIds],
  };
}

/** The state a settlement starts from, kept before settling (which updates `state` in place). */
type Before = {
  usage: { key: string; row: BatchNeeds["usage"] extends Map<string, infer R> ? R : never; used: number }[];
  heads: { chainKey: string; seq: string; hash: string }[];
  pendingApprovals: { agent_id: string; n: number }[];
};

function before(needs: BatchNeeds, state: LockedState): Before {
  return {
    // Sorted, so that every instance's writes lock usage rows in the same order.
    usage: [...needs.usage]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, row]) => ({ key, row, used: state.usage.get(key) ?? 0 })),
    heads: [...needs.chains.keys()].map((chainKey) => {
      const head = state.heads.get(chainKey);
      return { chainKey, seq: head?.seq.toString() ?? "-1", hash: head?.hash ?? "" };
    }),
    pendingApprovals: needs.opensApprovals.map((agentId) => ({
      agent_id: agentId,
      n: state.pendingApprovals.get(agentId) ?? 0,
    })),
  };
}

/**
 * The checked write's arguments: each usage row and chain head from what the settlement started
 * on to what it left (`after`, the state settled in place), and — when the state was not read
 * under locks — the open approval counts and the idempotency keys it assumed.
 */
function checkedWrite(
  needs: BatchNeeds,
  start: Before,
  after: LockedState,
  writes: BatchWrites,
  checkApprovalsAndKeys: boolean,
): string {
  const usage = start.usage.map(({ key, row, used }) => ({
    agent_id: row.agent_id,
    metric: row.metric,
    window: row.window,
    window_key: row.window_key,
    before: used,
    used: after.usage.get(key) ?? used,
  }));
  const heads = start.heads.map((h) => {
    const head = after.heads.get(h.chainKey);
    return {
      chain_key: h.chainKey,
      before_seq: h.seq,
      before_hash: h.hash,
      seq: head?.seq.toString() ?? h.seq,
      hash: head?.hash ?? h.hash,
    };
  });
  return execute("checkedWrite", [
    usage,
    heads,
    checkApprovalsAndKeys ? start.pendingApprovals : [],
    checkApprovalsAndKeys ? needs.idempotencyKeys : [],
    ...writeParameters(writes),
  ]);
}

/**
 * Run one batch in its own transaction on `client`; throws (having written nothing) on any
 * failure. With a cache, the fast path is tried first (unless `fast: false`); without one, or
 * when the cache cannot know the state, the slow path reads under locks.
 */
export async function commitDecisionBatch(
  client: pg.ClientBase,
  batch: readonly PendingDecision[],
  chainKeyFor: (orgId: string) => string,
  cache?: BatchStateCache,
  options: { fast?: boolean; timing?: BatchTiming } = {},
): Promise<BatchOutcome> {
  const timing = options.timing;
  let mark = performance.now();
  const needs = batchNeeds(batch, chainKeyFor);
  const settle = (state: LockedState) =>
    settleBatch(batch, state, { chainKeyFor, newApprovalId, settledAt: performance.now() });
  const lockQueues =
    needs.opensApprovals.length > 0 ? [inline(LOCK_APPROVAL_QUEUES_SQL, [needs.opensApprovals])] : [];

  const known = options.fast === false ? null : cache?.stateFor(needs, new Date());
  if (cache && known) {
    // The approval-queue counts and the idempotency keys are checked here only: on the slow path
    // they are read under the queue locks, and a key raced in meanwhile fails the insert instead.
    const start = before(needs, known);
    const { settlements, writes } = settle(known);
    cache.remember(needs, known);
    let row: CheckedWriteRow;
    try {
      // No BEGIN/COMMIT: the statements of one simple query run as one implicit transaction,
      // committed before the answer returns and rolled back whole on any error.
      const text = [...lockQueues, checkedWrite(needs, start, known, writes, true)].join(";\n");
      if (timing) mark = lap(timing, "buildMillis", mark);
      const results = (await client.query(text)) as unknown as
        pg.QueryResult<CheckedWriteRow> | pg.QueryResult<CheckedWriteRow>[];
      row = (Array.isArray(results) ? results[results.length - 1]! : results).rows[0]!;
      if (timing) lap(timing, "queryMillis", mark);
    } catch (error) {
      cache.forget(needs);
      if ((error as { code?: unknown }).code !== STALE_BATCH_STATE) throw error;
      // Out of date: nothing was written (the implicit transaction is rolled back). Read and retry.
      const slow = await slowPath(client, batch, needs, lockQueues, settle, cache);
      return { ...slow, path: "fast-then-slow" };
    }
    assertWritten(row, writes.decisions.length);
    return { settlements, path: "fast" };
  }
  return slowPath(client, batch, needs, lockQueues, settle, cache);
}

async function slowPath(
  client: pg.ClientBase,
  batch: readonly PendingDecision[],
  needs: BatchNeeds,
  lockQueues: string[],
  settle: (state: LockedState) => ReturnType<typeof settleBatch>,
  cache: BatchStateCache | undefined,
): Promise<BatchOutcome> {
  const lockAndRead = [
    "BEGIN",
    ...lockQueues,
    execute("lockAndRead", [
      [...needs.usage.values()],
      GENESIS_HASH,
      [...needs.chains.values()],
      needs.presented,
      needs.opensApprovals,
      needs.idempotencyKeys,
      needs.orgIds,
    ]),
  ].join(";\n");
  let state: LockedState;
  try {
    const results = (await client.query(lockAndRead)) as unknown as pg.QueryResult<LockedRows>[];
    state = lockedState(results[results.length - 1]!.rows[0]!, needs);
  } catch (error) {
    cache?.forget(needs);
    throw error;
  }
  const start = before(needs, state);
  const { settlements, writes } = settle(state);
  cache?.remember(needs, state);
  try {
    // If the write fails, the COMMIT after it is never run and the transaction is abandoned.
    const results = (await client.query(
      `${checkedWrite(needs, start, state, writes, false)};\nCOMMIT`,
    )) as unknown as pg.QueryResult<CheckedWriteRow>[];
    // Rows locked since the read cannot have changed (the write's assertion would have failed).
    assertWritten(results[0]!.rows[0]!, writes.decisions.length);
  } catch (error) {
    cache?.forget(needs);
    throw error;
  }
  return { settlements, path: "slow" };
}

function assertWritten(row: CheckedWriteRow, decisions: number): void {
  // The COMMIT has already happened; a count that differs means the statement and the settlement
  // disagree, so refuse the answers (fail closed) rather than trust them.
  if (row.decisions !== decisions) {
    throw new Error(`The batch wrote ${row.decisions} decision rows instead of ${decisions}.`);
  }
}

function lockedState(rows: LockedRows, needs: BatchNeeds): LockedState {
  const pendingApprovals = new Map(needs.opensApprovals.map((agentId) => [agentId, 0]));
  for (const o of rows.open_approvals) pendingApprovals.set(o.agent_id, o.n);
  return {
    now: new Date(),
    usage: new Map(
      rows.usage.map((u) => [
        usageKey(u.agent_id, { metric: u.metric, window: u.window, windowKey: u.window_key }),
        Number(u.used),
      ]),
    ),
    heads: new Map(rows.heads.map((h) => [h.chain_key, { seq: BigInt(h.seq), hash: h.hash }])),
    approvals: new Map(
      rows.approvals.map((a) => [
        a.id,
        {
          id: a.id,
          agentId: a.agent_id,
          actionHash: a.action_hash,
          status: a.status,
          expiresAt: new Date(a.expires_at),
          consumedAt: a.consumed_at ? new Date(a.consumed_at) : null,
        },
      ]),
    ),
    pendingApprovals,
    existing: new Map(
      rows.existing.map((e) => [
        idempotencyIndex(e.agent_id, e.idempotency_key),
        { requestHash: e.request_hash, response: e.response },
      ]),
    ),
  };
}
