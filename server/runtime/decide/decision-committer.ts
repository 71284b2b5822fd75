import type pg from "pg";
import { AppError } from "../../domain/errors";
import type { PendingDecision, Settlement } from "../../domain/decide/settle-batch";
import { commitDecisionBatch } from "./commit-decision-batch";

export type CommitterOptions = {
  /** Most requests in one transaction. */
  maxBatch?: number;
  /** Beyond this many waiting requests, new ones are refused at once (503) rather than queued. */
  maxQueue?: number;
};

type Waiting = { pending: PendingDecision; resolve: (s: Settlement) => void; reject: (e: AppError) => void };

/** Errors after which running the same batch again can succeed (a racing idempotency key, a deadlock). */
const RETRYABLE = new Set(["23505", "40P01", "40001"]);

const guarded = new WeakSet<pg.PoolClient>();

const storeUnavailable = (cause?: unknown) =>
  new AppError("STORE_UNAVAILABLE", "The decision could not be recorded, so it was not allowed.", { cause });

/**
 * Group commit: a flush starts as soon as none is running, and whatever arrives meanwhile waits
 * for the next one. Every request is answered only after its batch has committed; if the batch
 * fails, every request in it fails with STORE_UNAVAILABLE — never an allow without a stored row.
 */
export class DecisionCommitter {
  private queue: Waiting[] = [];
  private flushing = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;
  private readonly maxBatch: number;
  private readonly maxQueue: number;
  /** Counters for health and benchmarks. */
  readonly stats = { batches: 0, decisions: 0, failedBatches: 0, largestBatch: 0 };

  constructor(
    private readonly pool: pg.Pool,
    private readonly chainKeyFor: (orgId: string) => string,
    options: CommitterOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.maxQueue = options.maxQueue ?? 20_000;
  }

  submit(pending: PendingDecision): Promise<Settlement> {
    if (this.queue.length >= this.maxQueue) return Promise.reject(storeUnavailable());
    return new Promise<Settlement>((resolve, reject) => {
      this.queue.push({ pending, resolve, reject });
      if (!this.flushing) this.startFlush();
    });
  }

  /** Resolves when nothing is queued or running (for shutdown). */
  drained(): Promise<void> {
    return this.flushing ? this.idle : Promise.resolve();
  }

  private startFlush(): void {
    this.flushing = true;
    this.idle = new Promise((resolve) => (this.markIdle = resolve));
    // Let the requests that arrived in this same turn of the event loop join the first batch.
    setImmediate(() => void this.flushLoop());
  }

  private async flushLoop(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      await this.runBatch(batch);
    }
    this.flushing = false;
    this.markIdle();
  }

  private async runBatch(batch: Waiting[]): Promise<void> {
    const pendings = batch.map((w) => w.pending);
    for (let attempt = 0; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (error) {
        return this.fail(batch, error);
      }
      // A connection cut mid-batch also emits "error" on the checked-out client; the failed query
      // reports it, so the event itself must not crash the process.
      if (!guarded.has(client)) {
        guarded.add(client);
        client.on("error", () => undefined);
      }
      try {
        const settlements = await commitDecisionBatch(client, pendings, this.chainKeyFor);
        client.release();
        this.stats.batches++;
        this.stats.decisions += batch.length;
        this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
        batch.forEach((w, i) => w.resolve(settlements[i]!));
        return;
      } catch (error) {
        // The connection's state is unknown (mid-transaction, or cut): discard it rather than reuse it.
        client.release(error instanceof Error ? error : true);
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
