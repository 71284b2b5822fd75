import { createPublicKey, verify } from "node:crypto";
import type { DbOrTx } from "../../db";
import { GENESIS_HASH } from "../audit/hash-chain";
import { checkpointStatement, type CheckpointHead } from "./checkpoint-statement";

export type CheckpointCheck = {
  checkpointId: string;
  createdAt: Date;
  heads: number;
  /** Empty when the signature is valid and every signed head is still in its chain. */
  problems: string[];
};

/**
 * Check the org's latest checkpoint against the chains as they are now: its signature must verify
 * with the org's public key, and every head it signed must still be in its chain — the record
 * with that sequence number must have that hash. A chain re-hashed from some record on (which its
 * own verification cannot notice) fails here. Null when the org has no checkpoint yet.
 */
export async function verifyLatestCheckpoint(db: DbOrTx, orgId: string): Promise<CheckpointCheck | null> {
  const checkpoint = await db.chainCheckpoint.findFirst({
    where: { orgId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  if (!checkpoint) return null;
  const heads = checkpoint.heads as CheckpointHead[];
  const problems: string[] = [];
  const key = await db.orgKey.findFirst({ where: { id: checkpoint.keyId, orgId } });
  const statement = checkpointStatement({
    checkpointId: checkpoint.id,
    orgId,
    createdAt: checkpoint.createdAt.toISOString(),
    heads,
  });
  if (!key?.publicKey) problems.push(`its signing key ${checkpoint.keyId} is missing`);
  else if (
    !verify(
      null,
      Buffer.from(statement, "utf8"),
      createPublicKey(key.publicKey),
      Buffer.from(checkpoint.signature, "base64"),
    )
  )
    problems.push("its signature does not verify: the checkpoint was changed after it was signed");
  for (const head of heads) {
    const seq = BigInt(head.seq);
    // A chain created but still empty: its head is the genesis, there is no record to compare.
    if (seq === 0n) {
      if (head.hash !== GENESIS_HASH)
        problems.push(`${head.chainKey}: an empty chain was signed with a non-genesis hash`);
      continue;
    }
    const row = head.chainKey.startsWith("audit:")
      ? await db.auditEvent.findUnique({
          where: { chainKey_seq: { chainKey: head.chainKey, seq } },
          select: { id: true, hash: true },
        })
      : await db.decision.findUnique({
          where: { chainKey_seq: { chainKey: head.chainKey, seq } },
          select: { id: true, hash: true },
        });
    if (!row) problems.push(`${head.chainKey}: record #${head.seq}, signed as the head, is missing`);
    else if (row.hash !== head.hash)
      problems.push(
        `${head.chainKey}: record ${row.id} (#${head.seq}) no longer has the hash that was signed`,
      );
  }
  return { checkpointId: checkpoint.id, createdAt: checkpoint.createdAt, heads: heads.length, problems };
}
