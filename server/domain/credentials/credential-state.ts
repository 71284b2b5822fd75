import type { Prisma } from "../../generated/prisma/client";

// A credential's state is derived from its timestamps, never stored, so that it cannot drift
// from what authentication actually does with the row.

export type CredentialState = "active" | "grace" | "expired" | "revoked";

export type CredentialTimestamps = {
  revokedAt: Date | null;
  expiresAt: Date | null;
  replacedById: string | null;
};

/**
 * - revoked: refused since `revokedAt`, whatever else is set;
 * - expired: past `expiresAt`;
 * - grace: replaced by a rotation and still accepted until `expiresAt`;
 * - active: accepted, with or without a (future) expiry of its own.
 */
export function credentialState(credential: CredentialTimestamps, now: Date = new Date()): CredentialState {
  if (credential.revokedAt) return "revoked";
  if (credential.expiresAt && credential.expiresAt.getTime() <= now.getTime()) return "expired";
  if (credential.replacedById && credential.expiresAt) return "grace";
  return "active";
}

/** Whether a credential still authenticates (active or in its grace period). */
export function credentialIsUsable(credential: CredentialTimestamps, now: Date = new Date()): boolean {
  const state = credentialState(credential, now);
  return state === "active" || state === "grace";
}

/** The database filter matching exactly the credentials `credentialState` calls active. */
export function activeCredentialWhere(now: Date = new Date()): Prisma.CredentialWhereInput {
  return {
    revokedAt: null,
    OR: [{ expiresAt: null }, { expiresAt: { gt: now }, replacedById: null }],
  };
}
