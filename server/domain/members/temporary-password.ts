import { randomBytes } from "node:crypto";
import { hashPassword } from "../auth/password";

/** A password made for an invited person: shown to the inviting admin once, kept only as a bcrypt hash. */
export type TemporaryPassword = { clear: string; hash: string };

/**
 * 18 random bytes as base64url: 24 characters, 144 bits. Hashed here, before any transaction
 * opens, because bcrypt takes a noticeable fraction of a second and must not hold locks.
 */
export async function createTemporaryPassword(): Promise<TemporaryPassword> {
  const clear = randomBytes(18).toString("base64url");
  return { clear, hash: await hashPassword(clear) };
}
