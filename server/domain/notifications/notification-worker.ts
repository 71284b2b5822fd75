import type pg from "pg";
import { claimDeliveries, recordDeliveryResult, type ClaimedDelivery } from "./claim-deliveries";
import { enqueueApprovalEvents } from "./enqueue-approval-events";
import { NOTIFICATION_EVENTS, type NotificationEvent } from "./notification-events";
import { DEFAULT_RETRY_POLICY, nextRetryDelayMs, type RetryPolicy } from "./retry-backoff";
import { sendNotification } from "./send-notification";

export type NotificationWorkerOptions = {
  /** A receiver that has not answered by then has failed this attempt. */
  timeoutMs: number;
  retry: RetryPolicy;
  /** Deliveries claimed (and sent in parallel) per round. */
  batchSize: number;
  /** How far back the first discovery looks (after a start or restart). */
  lookbackMs: number;
  /** How much of the last window each discovery re-reads, for approvals committed late. */
  overlapMs: number;
  /** Base URL of the console for links in messages (NEXTAUTH_URL), if known. */
  consoleUrl: string | null;
};

export const DEFAULT_WORKER_OPTIONS: NotificationWorkerOptions = {
  timeoutMs: 5_000,
  retry: DEFAULT_RETRY_POLICY,
  batchSize: 20,
  lookbackMs: 24 * 3_600_000,
  overlapMs: 30_000,
  consoleUrl: null,
};

const DISCOVERY_BATCH = 500;

/**
 * The notification pipeline of one instance: discover approvals to tell about (watermarks over
 * approvals.created_at / decided_at, written to the outbox), then deliver what is due. Several
 * instances can run it at once: the outbox's unique key and SKIP LOCKED claims keep every
 * delivery single. It never touches the decision path; a slow receiver only slows this loop.
 */
export class NotificationWorker {
  private readonly options: NotificationWorkerOptions;
  private readonly cursors: Record<NotificationEvent, Date>;

  constructor(
    private readonly pool: pg.Pool,
    options: Partial<NotificationWorkerOptions> = {},
    now = new Date(),
  ) {
    this.options = { ...DEFAULT_WORKER_OPTIONS, ...options };
    const start = new Date(now.getTime() - this.options.lookbackMs);
    this.cursors = { "approval.requested": start, "approval.decided": start };
  }

  /** Write outbox rows for approvals created or decided since the watermarks; returns how many. */
  async discover(): Promise<number> {
    let inserted = 0;
    for (const event of NOTIFICATION_EVENTS) {
      // Catch up in batches; the last (partial) batch moves the watermark to just before its end.
      for (let round = 0; round < 20; round++) {
        const since = this.cursors[event];
        const result = await enqueueApprovalEvents(this.pool, event, since, DISCOVERY_BATCH);
        inserted += result.inserted;
        if (!result.high) break;
        const full = result.seen >= DISCOVERY_BATCH;
        const next = full ? result.high : new Date(result.high.getTime() - this.options.overlapMs);
        if (next.getTime() > since.getTime()) this.cursors[event] = next;
        if (!full) break;
      }
    }
    return inserted;
  }

  /** Claim and send the deliveries that are due; returns how many were attempted. */
  async deliverDue(): Promise<number> {
    // The lease outlasts the send's timeout, so a row is never sent twice at once.
    const leaseMs = this.options.timeoutMs * 2 + 5_000;
    const claimed = await claimDeliveries(this.pool, this.options.batchSize, leaseMs);
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length;
  }

  /** One full round: discover, then deliver until nothing more is due right now. */
  async runOnce(): Promise<void> {
    await this.discover();
    for (let round = 0; round < 10; round++) {
      if ((await this.deliverDue()) < this.options.batchSize) break;
    }
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    if (!delivery.channelEnabled) {
      await recordDeliveryResult(this.pool, delivery, {
        ok: false,
        error: "The channel was turned off before this could be sent.",
        retryInMs: null,
      });
      return;
    }
    const result = await sendNotification(delivery, {
      timeoutMs: this.options.timeoutMs,
      consoleUrl: this.options.consoleUrl,
    });
    await recordDeliveryResult(
      this.pool,
      delivery,
      result.ok ? result : { ...result, retryInMs: nextRetryDelayMs(delivery.attempts, this.options.retry) },
    );
  }
}
