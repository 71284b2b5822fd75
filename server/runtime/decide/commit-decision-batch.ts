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
import { execute, inline, LOCK_APPROVAL_QUEUES_SQL, type CheckedWriteRow } from "./batch-sql";
import type { BatchNeeds, BatchStateCache } from "./batch-state-cache";
import { writeParameters } from "./write-parameters";

// One group-commit batch is one transaction. When everything the settlement needs is known from
// the previous batches (the usual case for a running instance), it is ONE round trip: BEGIN, the
// approval-queue locks, a checked write, COMMIT. The check compares the locked rows with what the
// settlement assumed, and if anything differs nothing is written and the batch takes the slow
// path: two round trips, (BEGIN, lock and read everything the batch touches), settle in memory,
// (checked write, COMMIT). Either way no answer exists before the COMMIT has succeeded, and a
// batch whose state is out of date costs one extra round trip, never a wrong answer.

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

/** What the checked write compares with the locked rows: the state the settlement starts from. */
function expectations(needs: BatchNeeds, state: LockedState, checkApprovalsAndKeys: boolean): unknown[][] {
  return [
    [...needs.usage].map(([key, row]) => ({
      agent_id: row.agent_id,
      metric: row.metric,
      window: row.window,
      window_key: row.window_key,
      used: state.usage.get(key) ?? 0,
    })),
    [...needs.chains.keys()].map((chainKey) => {
      const head = state.heads.get(chainKey);
      return { chain_key: chainKey, seq: head?.seq.toString() ?? "-1", hash: head?.hash ?? "" };
    }),
    checkApprovalsAndKeys
      ? needs.opensApprovals.map((agentId) => ({
          agent_id: agentId,
          n: state.pendingApprovals.get(agentId) ?? 0,
        }))
      : [],
    checkApprovalsAndKeys ? needs.idempotencyKeys : [],
  ];
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
  options: { fast?: boolean } = {},
): Promise<BatchOutcome> {
  const needs = batchNeeds(batch, chainKeyFor);
  const settle = (state: LockedState) =>
    settleBatch(batch, state, { chainKeyFor, newApprovalId, settledAt: performance.now() });
  const lockQueues =
    needs.opensApprovals.length > 0 ? [inline(LOCK_APPROVAL_QUEUES_SQL, [needs.opensApprovals])] : [];

  const known = options.fast === false ? null : cache?.stateFor(needs, new Date());
  if (cache && known) {
    // The approval-queue counts and the idempotency keys are checked here only: on the slow path
    // they are read under the queue locks, and a key raced in meanwhile fails the insert instead.
    const expected = expectations(needs, known, true);
    const { settlements, writes } = settle(known);
    cache.remember(needs, known);
    let row: CheckedWriteRow;
    try {
      const text = ["BEGIN", ...lockQueues, checkedWrite(expected, writes), "COMMIT"].join(";\n");
      const results = (await client.query(text)) as unknown as pg.QueryResult<CheckedWriteRow>[];
      row = results[results.length - 2]!.rows[0]!;
    } catch (error) {
      cache.forget(needs);
      throw error;
    }
    if (row.ok) {
      assertWritten(row, writes.decisions.length);
      return { settlements, path: "fast" };
    }
    // Out of date: nothing was written (and the empty transaction has ended). Read and retry.
    cache.forget(needs);
    const slow = await slowPath(client, batch, needs, lockQueues, settle, cache);
    return { ...slow, path: "fast-then-slow" };
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
  const expected = expectations(needs, state, false);
  const { settlements, writes } = settle(state);
  cache?.remember(needs, state);
  try {
    // If the write fails, the COMMIT after it is never run and the transaction is abandoned.
    const results = (await client.query(
      `${checkedWrite(expected, writes)};\nCOMMIT`,
    )) as unknown as pg.QueryResult<CheckedWriteRow>[];
    const row = results[0]!.rows[0]!;
    // Rows locked since the read cannot have changed; if they did, something is badly wrong.
    if (!row.ok) throw new Error("The locked batch state changed before its write.");
    assertWritten(row, writes.decisions.length);
  } catch (error) {
    cache?.forget(needs);
    throw error;
  }
  return { settlements, path: "slow" };
}

function checkedWrite(expected: unknown[][], writes: BatchWrites): string {
  return execute("checkedWrite", [...expected, ...writeParameters(writes)]);
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
