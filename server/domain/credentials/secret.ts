import { createHash, randomInt, timingSafeEqual } from "node:crypto";

// An agent credential is `wdn_<prefix>_<secret>`. The prefix (public) finds the row; only the
// SHA-256 of the whole string is stored. SHA-256 without salt is right here (unlike passwords):
// the secret is 238 bits of randomness, so there is nothing to brute-force.

const ALPHABET_LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const PREFIX_LENGTH = 12;
const SECRET_LENGTH = 40;
const FORMAT = /^wdn_([a-z0-9]{12})_([A-Za-z0-9]{40})$/;

function randomString(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export type NewSecret = { secret: string; prefix: string; secretHash: string };

export function generateCredentialSecret(): NewSecret {
  const prefix = randomString(ALPHABET_LOWER, PREFIX_LENGTH);
  const secret = `wdn_${prefix}_${randomString(ALPHABET, SECRET_LENGTH)}`;
  return { secret, prefix, secretHash: hashCredentialSecret(secret) };
}

export function hashCredentialSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The prefix of a well-formed credential, or null (then it is not a credential at all). */
export function credentialPrefix(secret: string): string | null {
  return FORMAT.exec(secret)?.[1] ?? null;
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatchesHash(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashCredentialSecret(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** How a credential is shown after creation: never the secret, only its prefix. */
export const maskedCredential = (prefix: string) => `wdn_${prefix}_${"•".repeat(8)}`;
