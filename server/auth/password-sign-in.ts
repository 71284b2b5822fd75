import type { Db } from "../db";
import { verifyPassword } from "../domain/auth/password";
import {
  beginSignInAttempt,
  clearFailedSignIns,
  failureDelayMs,
  pruneFailedSignIns,
} from "../domain/auth/sign-in-throttle";

/** What next-auth shows as `error` when sign-in is throttled; the form turns it into a sentence. */
export const THROTTLED_ERROR_PREFIX = "TooManyAttempts:";

export class SignInThrottledError extends Error {
  constructor(readonly retryAfterMinutes: number) {
    // next-auth passes a thrown error's message to the sign-in page as ?error=…
    super(`${THROTTLED_ERROR_PREFIX}${retryAfterMinutes}`);
  }
}

export type PasswordSignInOptions = {
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
};

/**
 * The credentials provider's authorize(): the user for a right e-mail and password, null for a
 * wrong one, SignInThrottledError after too many failures for the e-mail (counted and checked
 * before the password, so that even the right one is refused while locked, and the same for
 * unknown e-mails).
 * Nothing about the attempt is logged: the e-mail and password are the secrets here.
 */
export async function passwordSignIn(
  db: Db,
  credentials: Record<string, unknown> | undefined,
  options: PasswordSignInOptions = {},
): Promise<{ id: string; email: string; name: string } | null> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const email = text(credentials?.email).trim().toLowerCase();
  const password = text(credentials?.password);
  if (!email || !password || email.length > 320 || password.length > 200) return null;

  const state = await beginSignInAttempt(db, email, now());
  if (!state.allowed) throw new SignInThrottledError(state.retryAfterMinutes);

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  if (!(await verifyPassword(password, user?.passwordHash))) {
    await pruneFailedSignIns(db, email, now());
    const delay = failureDelayMs(state.recentFailures + 1);
    if (delay > 0) await sleep(delay);
    return null;
  }
  await clearFailedSignIns(db, email);
  await db.user.update({ where: { id: user!.id }, data: { lastLoginAt: now() } });
  return { id: user!.id, email: user!.email, name: user!.name };
}
