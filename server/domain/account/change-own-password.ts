import type { Db } from "../../db";
import { fieldError } from "../agents/agent-fields";
import { writeAuditEvent, type Actor } from "../audit/write-audit-event";
import { hashPassword, passwordProblem, verifyPassword } from "../auth/password";
import { beginSignInAttempt, clearFailedSignIns, pruneFailedSignIns } from "../auth/sign-in-throttle";
import { AppError } from "../errors";

export type ChangeOwnPasswordInput = {
  user: { id: string; email: string };
  /** The org selected in the console; the audit event goes there (or to the user's first org). */
  orgId: string | null;
  currentPassword: string;
  newPassword: string;
};

/**
 * The signed-in user replaces their own password, proving they know the current one. It owns
 * its transaction because bcrypt (a noticeable fraction of a second, twice) must run before it
 * opens: no locks are held while hashing. Wrong current passwords count against the same limit
 * as failed sign-ins, so a borrowed session cannot be used to guess the password.
 */
export async function changeOwnPassword(db: Db, input: ChangeOwnPasswordInput): Promise<void> {
  const problem = passwordProblem(input.newPassword);
  if (problem) throw fieldError("INVALID_REQUEST", "newPassword", problem);

  const user = await db.user.findUnique({ where: { id: input.user.id }, select: { passwordHash: true } });
  if (!user) throw new AppError("UNAUTHENTICATED", "Please sign in again.");
  if (!user.passwordHash) {
    throw fieldError(
      "INVALID_REQUEST",
      "currentPassword",
      "Your account signs in through your identity provider and has no password here to change.",
    );
  }
  const verifiedHash = user.passwordHash;
  const attempt = await beginSignInAttempt(db, input.user.email, new Date());
  if (!attempt.allowed) {
    throw new AppError(
      "RATE_LIMITED",
      `Too many wrong passwords for this account. Try again in ${attempt.retryAfterMinutes} minute(s).`,
    );
  }
  if (!(await verifyPassword(input.currentPassword, verifiedHash))) {
    await pruneFailedSignIns(db, input.user.email, new Date());
    throw fieldError("INVALID_REQUEST", "currentPassword", "That is not your current password.");
  }
  await clearFailedSignIns(db, input.user.email);
  if (input.newPassword === input.currentPassword) {
    throw fieldError(
      "INVALID_REQUEST",
      "newPassword",
      "Choose a new password that differs from the current one.",
    );
  }
  const newHash = await hashPassword(input.newPassword);

  await db.$transaction(async (tx) => {
    // Compare-and-set on the hash we verified: a change made meanwhile (another tab) is not overwritten.
    const updated = await tx.user.updateMany({
      where: { id: input.user.id, passwordHash: verifiedHash },
      // Every session signed in before now ends (server/auth/session-validity.ts); the console
      // signs this one in again with the new password.
      data: { passwordHash: newHash, mustChangePassword: false, passwordChangedAt: new Date() },
    });
    if (updated.count === 0) {
      throw new AppError(
        "CONFLICT",
        "Your password was changed meanwhile. Sign in again with the new one and retry.",
      );
    }
    const memberships = await tx.member.findMany({
      where: { userId: input.user.id },
      select: { orgId: true },
      orderBy: { createdAt: "asc" },
    });
    const orgId = memberships.find((m) => m.orgId === input.orgId)?.orgId ?? memberships[0]?.orgId;
    // A user of no org has no audit trail to write to; the change itself still stands.
    if (!orgId) return;
    const actor: Actor = { type: "USER", id: input.user.id, label: input.user.email };
    await writeAuditEvent(tx, {
      orgId,
      actor,
      action: "account.password_changed",
      targetType: "user",
      targetId: input.user.id,
      // Who, never the password or its hash.
      after: { userId: input.user.id, email: input.user.email },
    });
  });
}
