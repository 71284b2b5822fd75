import type pg from "pg";
import { AppError } from "../../domain/errors";
import type { PendingDecision, Settlement } from "../../domain/decide/settle-batch";
import { BatchConnections } from "./batch-connections";
import { BatchStateCache } from "./batch-state-cache";
import { commitDecisionBatch } from "./commit-decision-batch";

export type CommitterOptions = {
  /** Most requests in one transaction. */
  maxBatch?: number;
  /**
   * Batches in flight at once, each on its own connection and its own decision chain (so they
   * never wait on each other's chain head). Default: WARDEN_COMMIT_SLOTS or 2.
   */
  concurrency?: number;
  /** Beyond this many waiting requests, new ones are refused at once (503) rather than queued. */
  maxQueue?: number;
  /**
   * Settle batches on the state the previous ones left (checked by the write) in one round trip,
   * reading under locks only when that state is unknown or out of date. Default: on, unless
   * WARDEN_COMMIT_FAST_PATH=0.
   */
  fastPath?: boolean;
};

type Waiting = {
  pending: PendingDecision;
  queuedAt: number;
  /** The rows its settlement depends on (see rowsOf). */
  rows: string[];
  resolve: (s: Settlement) => void;
  reject: (e: AppError) => void;
};

/**
 * What a decision's settlement reads and may change besides its own row: quota usage rows, its
 * agent's approval queue, the approval it uses up, its idempotency key. Two batches in flight
 * never share one, so a batch never waits on another's locks nor settles on what another has not
 * yet committed (requests for one hot agent go one batch at a time; others fill the other slots).
 */
function rowsOf(pending: PendingDecision): string[] {
  const ev = pending.evaluation;
  const rows = ev.quotaCharges.map((c) => c.key);
  if (ev.approvalRequirement) rows.push(`approval-queue\u0000${pending.agentId}`);
  if (ev.consumesApprovalId) rows.push(`approval\u0000${ev.consumesApprovalId}`);
  if (pending.idempotencyKey) rows.push(`idempotency\u0000${pending.agentId}\u0000${pending.idempotencyKey}`);
  return rows;
}

/** Errors after which running the same batch again can succeed (a racing idempotency key, a deadlock). */
const RETRYABLE = new Set(["23505", "40P01", "40001"]);

const storeUnavailable = (cause?: unknown) =>
  new AppError("STORE_UNAVAILABLE", "The decision could not be recorded, so it was not allowed.", { cause });

/**
 * Group commit: a flush starts as soon as a flush slot is free, and whatever arrives meanwhile
 * waits for the next one. Every request is answered only after its batch has committed; if the batch
 * fails, every request in it fails with STORE_UNAVAILABLE — never an allow without a stored row.
 */
export class DecisionCommitter {
  private queue: Waiting[] = [];
  private readonly freeSlots: number[];
  private scheduled = false;
  private running = new Set<Promise<void>>();
  private readonly rowsInFlight = new Set<string>();
  private readonly maxBatch: number;
  private readonly maxQueue: number;
  private readonly cache: BatchStateCache | undefined;
  private readonly connections: BatchConnections;
  /** Counters for health and benchmarks. */
  readonly stats = {
    batches: 0,
    decisions: 0,
    failedBatches: 0,
    largestBatch: 0,
    /** Batches written in one round trip, and those whose assumed state was out of date. */
    fastBatches: 0,
    staleBatches: 0,
    /** Milliseconds spent in batch commits (from taking the connection to the COMMIT's answer). */
    commitMillis: 0,
    /** Of which, on the fast path: settling and building the statement text, and awaiting the database's answer. */
    buildMillis: 0,
    queryMillis: 0,
    /** Milliseconds requests waited before their batch started (summed per request). */
    waitMillis: 0,
  };

  constructor(
    pool: pg.Pool,
    private readonly chainKeyFor: (orgId: string, slot: number) => string,
    options: CommitterOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.maxQueue = options.maxQueue ?? 20_000;
    const slots = options.concurrency ?? (Number(process.env.WARDEN_COMMIT_SLOTS) || 2);
    this.freeSlots = Array.from({ length: slots }, (_, i) => i).reverse();
    const fast = options.fastPath ?? process.env.WARDEN_COMMIT_FAST_PATH !== "0";
    this.cache = fast ? new BatchStateCache() : undefined;
    this.connections = new BatchConnections(pool);
  }

  submit(pending: PendingDecision): Promise<Settlement> {
    if (this.queue.length >= this.maxQueue) return Promise.reject(storeUnavailable());
    return new Promise<Settlement>((resolve, reject) => {
      this.queue.push({ pending, queuedAt: performance.now(), rows: rowsOf(pending), resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when nothing is running, and closes the batch connections (for shutdown; a later batch reopens them). */
  async drained(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
    await this.connections.closeAll();
    // For benchmarks and tuning: how the batches went, once, at shutdown.
    if (process.env.WARDEN_COMMIT_STATS) console.error(`decision commits: ${JSON.stringify(this.stats)}`);
  }

  private schedule(): void {
    if (this.scheduled || this.freeSlots.length === 0) return;
    this.scheduled = true;
    // Let the requests that arrived in this same turn of the event loop join the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.queue.length > 0 && this.freeSlots.length > 0) {
      const batch = this.takeBatch();
      // Everything waiting depends on a batch in flight: it goes when that one is done.
      if (batch.length === 0) return;
      const slot = this.freeSlots.pop()!;
      for (const w of batch) for (const row of w.rows) this.rowsInFlight.add(row);
      const run: Promise<void> = this.runBatch(batch, slot).finally(() => {
        for (const w of batch) for (const row of w.rows) this.rowsInFlight.delete(row);
        this.running.delete(run);
        this.freeSlots.push(slot);
        if (this.queue.length > 0) this.schedule();
      });
      this.running.add(run);
    }
  }

  /** The next batch, in arrival order, leaving for later what shares a row with a batch in flight. */
  private takeBatch(): Waiting[] {
    if (this.rowsInFlight.size === 0) return this.queue.splice(0, this.maxBatch);
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    for (const w of this.queue) {
      if (batch.length < this.maxBatch && !w.rows.some((row) => this.rowsInFlight.has(row))) batch.push(w);
      else rest.push(w);
    }
    this.queue = rest;
    return batch;
  }

  private async runBatch(batch: Waiting[], slot: number): Promise<void> {
    const pendings = batch.map((w) => w.pending);
    const startedAt = performance.now();
    for (const w of batch) this.stats.waitMillis += startedAt - w.queuedAt;
    for (let attempt = 0; ; attempt++) {
      let client: pg.Client;
      try {
        client = await this.connections.acquire(slot);
      } catch (error) {
        return this.fail(batch, error);
      }
      try {
        const outcome = await commitDecisionBatch(
          client,
          pendings,
          (orgId) => this.chainKeyFor(orgId, slot),
          this.cache,
          // A retry reads under locks: it must not depend on the state that just failed.
          { fast: attempt === 0, timing: this.stats },
        );
        this.stats.batches++;
        this.stats.decisions += batch.length;
        this.stats.commitMillis += performance.now() - startedAt;
        this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
        if (outcome.path === "fast") this.stats.fastBatches++;
        if (outcome.path === "fast-then-slow") this.stats.staleBatches++;
        batch.forEach((w, i) => w.resolve(outcome.settlements[i]!));
        return;
      } catch (error) {
        // The connection's state is unknown (mid-transaction, or cut): discard it rather than reuse it.
        this.connections.discard(slot);
        const code = (error as { code?: unknown }).code;
        if (attempt === 0 && typeof code === "string" && RETRYABLE.has(code)) continue;
        return this.fail(batch, error);
      }
    }
  }

  private fail(batch: Waiting[], cause: unknown): void {
    this.stats.failedBatches++;
    const error = storeUnavailable(cause);
    for (const w of batch) w.reject(error);
  }
}
