import type { DbOrTx } from "../db";

/**
 * Whether a console session still stands: one signed in before the user's last password change
 * does not, so a change signs out everyone who knew the old password (an admin who set the
 * temporary one, someone who guessed it). Sessions from before `signedInAt` was recorded count
 * as signed in at 0: they stand only while the password has never been changed.
 */
export function sessionStands(signedInAt: unknown, passwordChangedAt: Date | null): boolean {
  if (!passwordChangedAt) return true;
  return typeof signedInAt === "number" && signedInAt >= passwordChangedAt.getTime();
}

/** The session's user id if the user still exists and the session stands, else null. */
export async function standingSessionUserId(
  db: DbOrTx,
  uid: unknown,
  signedInAt: unknown,
): Promise<string | null> {
  if (typeof uid !== "string" || !uid) return null;
  const user = await db.user.findUnique({ where: { id: uid }, select: { passwordChangedAt: true } });
  if (!user || !sessionStands(signedInAt, user.passwordChangedAt)) return null;
  return uid;
}
