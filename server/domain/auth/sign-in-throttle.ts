import { createHash } from "node:crypto";
import type { DbOrTx } from "../../db";

/** After this many failed password sign-ins for one e-mail within the window … */
export const MAX_FAILURES = 5;
/** … further attempts are refused until this long after the last failure. */
export const WINDOW_MS = 15 * 60 * 1000;

export type ThrottleState =
  { allowed: true; recentFailures: number } | { allowed: false; retryAfterMinutes: number };

/**
 * The key of an e-mail in sign_in_attempts: no address is stored, and an unknown e-mail is
 * keyed (and so throttled) exactly like a known one, which keeps the answer free of enumeration.
 */
export function signInKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

/**
 * Whether a password sign-in for this e-mail may be tried now. Refused attempts are not recorded,
 * so the lock ends WINDOW_MS after the last counted failure rather than extending forever.
 */
export async function signInThrottleState(db: DbOrTx, email: string, now: Date): Promise<ThrottleState> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const recent = await db.signInAttempt.aggregate({
    where: { emailHash: signInKey(email), createdAt: { gt: since } },
    _count: { _all: true },
    _max: { createdAt: true },
  });
  const count = recent._count._all;
  if (count < MAX_FAILURES) return { allowed: true, recentFailures: count };
  const unlocksAt = recent._max.createdAt!.getTime() + WINDOW_MS;
  return { allowed: false, retryAfterMinutes: Math.max(1, Math.ceil((unlocksAt - now.getTime()) / 60_000)) };
}

/** Count a failed password sign-in, and prune what no longer counts for anyone. */
export async function recordFailedSignIn(db: DbOrTx, email: string, now: Date): Promise<void> {
  await db.signInAttempt.create({ data: { emailHash: signInKey(email), createdAt: now } });
  await db.signInAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - WINDOW_MS) } } });
}

/** A successful sign-in forgives the e-mail's earlier failures. */
export async function clearFailedSignIns(db: DbOrTx, email: string): Promise<void> {
  await db.signInAttempt.deleteMany({ where: { emailHash: signInKey(email) } });
}

/**
 * A growing pause before answering once failures pile up (none for the first two), so that
 * guessing is slow even before the lock; capped so a person mistyping is not kept waiting long.
 */
export function failureDelayMs(recentFailures: number): number {
  if (recentFailures < 2) return 0;
  return Math.min(2000, 250 * 2 ** (recentFailures - 2));
}
