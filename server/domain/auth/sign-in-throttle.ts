import { createHash } from "node:crypto";
import type { Db, DbOrTx } from "../../db";

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
 * Decide whether this attempt may check a password and, if so, count it as a failure already
 * (clearFailedSignIns forgives it when the password is right). Checking and counting happen under
 * one lock per e-mail, so guesses sent at once cannot all pass the check before any failure is
 * recorded: exactly the first MAX_FAILURES of the window go on. A refused attempt is not counted,
 * so the lock ends WINDOW_MS after the last counted failure rather than extending forever.
 */
export async function beginSignInAttempt(db: Db, email: string, now: Date): Promise<ThrottleState> {
  const emailHash = signInKey(email);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`warden:sign-in:${emailHash}`}, 0))`;
    const recent = await tx.signInAttempt.aggregate({
      where: { emailHash, createdAt: { gt: new Date(now.getTime() - WINDOW_MS) } },
      _count: { _all: true },
      _max: { createdAt: true },
    });
    const count = recent._count._all;
    if (count >= MAX_FAILURES) {
      const unlocksAt = recent._max.createdAt!.getTime() + WINDOW_MS;
      return {
        allowed: false,
        retryAfterMinutes: Math.max(1, Math.ceil((unlocksAt - now.getTime()) / 60_000)),
      };
    }
    await tx.signInAttempt.create({ data: { emailHash, createdAt: now } });
    return { allowed: true, recentFailures: count };
  });
}

/** Rows this old count for nobody and are removed whenever a failure is recorded. */
const KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * The attempt counted by beginSignInAttempt failed: drop this e-mail's failures that no longer
 * count, and anyone's from long ago. The wide margin for other e-mails keeps one server's clock
 * (or a test's) from pruning failures another still counts.
 */
export async function pruneFailedSignIns(db: DbOrTx, email: string, now: Date): Promise<void> {
  await db.signInAttempt.deleteMany({
    where: {
      OR: [
        { emailHash: signInKey(email), createdAt: { lt: new Date(now.getTime() - WINDOW_MS) } },
        { createdAt: { lt: new Date(now.getTime() - KEEP_MS) } },
      ],
    },
  });
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
