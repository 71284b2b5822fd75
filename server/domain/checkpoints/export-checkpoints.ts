import type { DbOrTx } from "../../db";
import { checkpointStatement, CHECKPOINT_TYPE, type CheckpointHead } from "./checkpoint-statement";
import { checkpointPublicKeys } from "./signing-key";

const PAGE = 1000;

export const CHECKPOINT_EXPORT_FORMAT = "warden-checkpoints/1";

/**
 * Every checkpoint of the org with the public keys that sign them, as one JSON document that
 * scripts/verify-checkpoint.mjs (node:crypto only) or openssl can check outside Warden. Each
 * checkpoint carries the exact signed statement.
 */
export async function exportCheckpoints(db: DbOrTx, org: { id: string; slug: string }, now = new Date()) {
  const checkpoints = [];
  let cursor: string | null = null;
  for (;;) {
    const page: { id: string; createdAt: Date; heads: unknown; keyId: string; signature: string }[] =
      await db.chainCheckpoint.findMany({
        where: { orgId: org.id },
        orderBy: { id: "asc" },
        take: PAGE,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
    for (const c of page) {
      const heads = c.heads as CheckpointHead[];
      checkpoints.push({
        id: c.id,
        createdAt: c.createdAt.toISOString(),
        keyId: c.keyId,
        algorithm: "Ed25519",
        statement: checkpointStatement({
          checkpointId: c.id,
          orgId: org.id,
          createdAt: c.createdAt.toISOString(),
          heads,
        }),
        signature: c.signature,
        heads,
      });
    }
    if (page.length < PAGE) break;
    cursor = page.at(-1)!.id;
  }
  checkpoints.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  return {
    format: CHECKPOINT_EXPORT_FORMAT,
    statementType: CHECKPOINT_TYPE,
    org: { id: org.id, slug: org.slug },
    exportedAt: now.toISOString(),
    publicKeys: await checkpointPublicKeys(db, org.id),
    checkpoints,
  };
}
