import type { DbOrTx } from "../../db";
import { auditChainKey } from "./hash-chain";
import { verifyHashChain, type ChainedRow, type ChainReport } from "./verify-hash-chain";
import { auditHashContent } from "./write-audit-event";

const PAGE = 1000;

async function* auditRows(db: DbOrTx, chainKey: string): AsyncGenerator<ChainedRow> {
  let after = 0n;
  for (;;) {
    const page = await db.auditEvent.findMany({
      where: { chainKey, seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: PAGE,
    });
    for (const row of page)
      yield {
        id: row.id,
        seq: row.seq,
        prevHash: row.prevHash,
        hash: row.hash,
        content: auditHashContent(row),
      };
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.seq;
  }
}

/** Verify an org's control-plane audit chain (`audit:<orgId>`), naming the first broken record. */
export async function verifyAuditChain(db: DbOrTx, orgId: string): Promise<ChainReport> {
  const chainKey = auditChainKey(orgId);
  const head = await db.chainHead.findUnique({ where: { chainKey } });
  return verifyHashChain(chainKey, auditRows(db, chainKey), head ? { seq: head.seq, hash: head.hash } : null);
}
