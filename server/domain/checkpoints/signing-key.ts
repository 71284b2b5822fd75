import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import type { DbOrTx } from "../../db";

export const CHECKPOINT_KEY_PURPOSE = "checkpoint-signing";

export type SigningKey = { keyId: string; privateKey: KeyObject; publicKeyPem: string };

/**
 * The org's Ed25519 checkpoint key, created on first use. One key per org, kept in the database
 * with the org's data: a checkpoint proves the chain heads were these at that time to whoever
 * holds an earlier export of the public key — rewriting history would need both the rows and the
 * key, and would not change copies of checkpoints already exported.
 */
export async function ensureSigningKey(db: DbOrTx, orgId: string): Promise<SigningKey> {
  const where = { orgId_purpose: { orgId, purpose: CHECKPOINT_KEY_PURPOSE } };
  const select = { id: true, secret: true, publicKey: true };
  const existing = await db.orgKey.findUnique({ where, select });
  if (existing) return toSigningKey(existing);
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  await db.orgKey.createMany({
    data: [
      {
        orgId,
        purpose: CHECKPOINT_KEY_PURPOSE,
        secret: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
        publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
      },
    ],
    // Two first checkpoints racing: one key wins, both use it.
    skipDuplicates: true,
  });
  return toSigningKey(await db.orgKey.findUniqueOrThrow({ where, select }));
}

function toSigningKey(row: { id: string; secret: string; publicKey: string | null }): SigningKey {
  const privateKey = createPrivateKey(row.secret);
  return {
    keyId: row.id,
    privateKey,
    publicKeyPem:
      row.publicKey ?? createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString(),
  };
}

/** The public keys of an org's checkpoints, by key id (what an auditor verifies with). */
export async function checkpointPublicKeys(db: DbOrTx, orgId: string) {
  const rows = await db.orgKey.findMany({
    where: { orgId, purpose: CHECKPOINT_KEY_PURPOSE },
    select: { id: true, publicKey: true, createdAt: true },
  });
  return rows.map((r) => ({
    keyId: r.id,
    algorithm: "Ed25519" as const,
    publicKeyPem: r.publicKey ?? "",
    createdAt: r.createdAt.toISOString(),
  }));
}
