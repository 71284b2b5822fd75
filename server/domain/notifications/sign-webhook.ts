import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// Generic webhooks are signed like Stripe's: `Warden-Signature: t=<unix seconds>,v1=<hex>` where
// the hex is HMAC-SHA256(secret, "<t>.<raw body>"). The timestamp lets receivers refuse replays
// (e.g. older than 5 minutes); the README shows the few lines of Node that verify it.

export const SIGNATURE_HEADER = "Warden-Signature";

/** A new signing secret, shown once when the channel is created. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const hex = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${hex}`;
}

/**
 * Check a signature header as a receiver would (used by the tests; the README has the same
 * logic). `toleranceSeconds` bounds how old a message may be.
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const parts = new Map(header.split(",").map((part) => part.split("=", 2) as [string, string]));
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1") ?? "";
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
  const given = Buffer.from(v1);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
