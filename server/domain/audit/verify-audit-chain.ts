import type { DbOrTx } from "../../db";
import { auditChainKey, chainHash } from "./hash-chain";
import { rowsBySeq, verifyHashChain, type ChainedRow, type ChainReport } from "./verify-hash-chain";
import { auditHashContent } from "./write-audit-event";

const PAGE = 1000;

async function* auditRows(db: DbOrTx, chainKey: string): AsyncGenerator<ChainedRow> {
  const pages = rowsBySeq(
    (after, take) =>
      db.auditEvent.findMany({ where: { chainKey, seq: { gt: after } }, orderBy: { seq: "asc" }, take }),
    { after: 0n, pageSize: PAGE },
  );
  for await (const row of pages)
    yield {
      id: row.id,
      seq: row.seq,
      prevHash: row.prevHash,
      hash: row.hash,
      computeHash: () => chainHash(row.prevHash, auditHashContent(row)),
    };
}

/** Verify an org's control-plane audit chain (`audit:<orgId>`), naming the first broken record. */
export async function verifyAuditChain(db: DbOrTx, orgId: string): Promise<ChainReport> {
  const chainKey = auditChainKey(orgId);
  const head = await db.chainHead.findUnique({ where: { chainKey } });
  return verifyHashChain(chainKey, auditRows(db, chainKey), head ? { seq: head.seq, hash: head.hash } : null);
}
