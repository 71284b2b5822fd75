import { randomBytes } from "node:crypto";
import type { Tx } from "../../db";

export const PAYLOAD_HMAC_PURPOSE = "payload-hmac";

/**
 * Create the org's fingerprint key if it has none (a 256-bit HMAC-SHA256 key). It is created with
 * the org's first redaction rule, in that rule's transaction, and is never shown or exported:
 * fingerprints are only comparable inside the org, and a short secret cannot be guessed from one.
 */
export async function ensurePayloadKey(tx: Tx, orgId: string): Promise<void> {
  await tx.orgKey.createMany({
    data: [{ orgId, purpose: PAYLOAD_HMAC_PURPOSE, secret: randomBytes(32).toString("hex") }],
    skipDuplicates: true,
  });
}
