import { randomUUID, sign } from "node:crypto";
import type { DbOrTx } from "../../db";
import { checkpointStatement, type CheckpointHead } from "./checkpoint-statement";
import { ensureSigningKey } from "./signing-key";

export type CreatedCheckpoint = { id: string; createdAt: Date; heads: CheckpointHead[]; created: boolean };

const sameHeads = (a: CheckpointHead[], b: CheckpointHead[]) =>
  a.length === b.length &&
  a.every((h, i) => h.chainKey === b[i]!.chainKey && h.seq === b[i]!.seq && h.hash === b[i]!.hash);

/**
 * Sign the org's current chain heads (its audit chain and every decision chain) with its Ed25519
 * key and store the checkpoint. When nothing was appended since the latest checkpoint, that one
 * still holds and no new one is made (unless `force`). Not itself an audit event: writing one
 * would move the audit chain's head past the checkpoint at once.
 */
export async function createCheckpoint(
  db: DbOrTx,
  orgId: string,
  options: { force?: boolean; now?: Date } = {},
): Promise<CreatedCheckpoint> {
  const heads: CheckpointHead[] = (
    await db.chainHead.findMany({ where: { orgId }, orderBy: { chainKey: "asc" } })
  ).map((h) => ({ chainKey: h.chainKey, seq: h.seq.toString(), hash: h.hash }));
  const latest = await db.chainCheckpoint.findFirst({
    where: { orgId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  if (latest && !options.force) {
    const latestHeads = latest.heads as CheckpointHead[];
    if (sameHeads(latestHeads, heads))
      return { id: latest.id, createdAt: latest.createdAt, heads, created: false };
  }
  const key = await ensureSigningKey(db, orgId);
  const id = `chk_${randomUUID().replaceAll("-", "")}`;
  // Stored with millisecond precision, so the signed timestamp is the stored one.
  const createdAt = new Date(Math.floor((options.now ?? new Date()).getTime()));
  const statement = checkpointStatement({
    checkpointId: id,
    orgId,
    createdAt: createdAt.toISOString(),
    heads,
  });
  const signature = sign(null, Buffer.from(statement, "utf8"), key.privateKey).toString("base64");
  await db.chainCheckpoint.create({ data: { id, orgId, heads, keyId: key.keyId, signature, createdAt } });
  return { id, createdAt, heads, created: true };
}
