import type pg from "pg";
import type { ApprovalEventPayload } from "./notification-events";
import type { OutgoingDelivery } from "./send-notification";

export type ClaimedDelivery = OutgoingDelivery & { attempts: number; channelEnabled: boolean };

/**
 * Claim up to `limit` due deliveries for this instance. Rows are picked with FOR UPDATE SKIP
 * LOCKED (instances never wait on each other or pick the same row) and leased by moving
 * next_attempt_at past the send's timeout, so the HTTP call happens OUTSIDE any transaction and
 * a crashed instance's rows come back after the lease. `attempts` is counted at claim time.
 */
export async function claimDeliveries(
  pool: pg.Pool,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  const { rows } = await pool.query<{
    id: string;
    event: string;
    payload: ApprovalEventPayload;
    attempts: number;
    kind: "SLACK" | "WEBHOOK";
    url: string;
    signing_secret: string | null;
    enabled: boolean;
  }>(
    `WITH due AS (
       SELECT id FROM notification_deliveries
       WHERE status = 'PENDING' AND next_attempt_at <= now()
       ORDER BY next_attempt_at
       LIMIT $1
       FOR UPDATE SKIP LOCKED
     )
     UPDATE notification_deliveries d
     SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
     FROM due, notification_channels c
     WHERE d.id = due.id AND c.id = d.channel_id
     RETURNING d.id, d.event, d.payload, d.attempts, c.kind, c.url, c.signing_secret, c.enabled`,
    [limit, leaseMs],
  );
  return rows.map((row) => ({
    id: row.id,
    event: row.event,
    payload: row.payload,
    attempts: row.attempts,
    channelEnabled: row.enabled,
    channel: { kind: row.kind, url: row.url, signingSecret: row.signing_secret },
  }));
}

/**
 * Record how an attempt went. Guarded by the attempt number: if the lease ran out and another
 * instance re-claimed the row meanwhile, this (stale) result is dropped.
 */
export async function recordDeliveryResult(
  pool: pg.Pool,
  delivery: { id: string; attempts: number },
  result: { ok: true } | { ok: false; error: string; retryInMs: number | null },
): Promise<void> {
  if (result.ok) {
    await pool.query(
      `UPDATE notification_deliveries SET status = 'DELIVERED', delivered_at = now(), last_error = NULL
       WHERE id = $1 AND attempts = $2 AND status = 'PENDING'`,
      [delivery.id, delivery.attempts],
    );
  } else if (result.retryInMs === null) {
    await pool.query(
      `UPDATE notification_deliveries SET status = 'FAILED', last_error = $3
       WHERE id = $1 AND attempts = $2 AND status = 'PENDING'`,
      [delivery.id, delivery.attempts, result.error],
    );
  } else {
    await pool.query(
      `UPDATE notification_deliveries
       SET last_error = $3, next_attempt_at = now() + make_interval(secs => $4::double precision / 1000)
       WHERE id = $1 AND attempts = $2 AND status = 'PENDING'`,
      [delivery.id, delivery.attempts, result.error, result.retryInMs],
    );
  }
}
