import type pg from "pg";
import type { Tx } from "../../db";

/** The channel on which running instances hear that an approval changed state (payload: its id). */
export const APPROVAL_CHANNEL = "warden_approval";

/**
 * Wake every runtime long-polling this approval (`GET /api/approvals/{id}?wait=N`). Call it inside
 * the transaction that changes the approval (a vote, a decision, a cancellation): Postgres
 * delivers the NOTIFY only if that transaction commits, so a waiter never reads a state that
 * was rolled back. Waiters also re-check periodically, so a lost notification only delays them.
 */
export async function notifyApprovalChanged(tx: Tx, approvalId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${APPROVAL_CHANNEL}, ${approvalId})`;
}

/** The same, for the runtime's plain pg transactions. */
export async function notifyApprovalChangedOnClient(
  client: pg.ClientBase,
  approvalId: string,
): Promise<void> {
  await client.query("SELECT pg_notify($1, $2)", [APPROVAL_CHANNEL, approvalId]);
}
