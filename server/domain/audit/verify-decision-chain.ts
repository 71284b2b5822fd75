import type { DbOrTx } from "../../db";
import { decisionChainHash, DECISION_CHAIN_PREFIX, type DecisionRecord } from "../decide/decision-record";
import { rowsBySeq, verifyHashChain, type ChainedRow, type ChainReport } from "./verify-hash-chain";

const PAGE = 1000;

async function* decisionRows(db: DbOrTx, chainKey: string): AsyncGenerator<ChainedRow> {
  const pages = rowsBySeq(
    (after, take) =>
      db.decision.findMany({ where: { chainKey, seq: { gt: after } }, orderBy: { seq: "asc" }, take }),
    { after: -1n, pageSize: PAGE },
  );
  for await (const row of pages) {
    const stored = {
      ...row,
      params: row.params as DecisionRecord["params"],
      response: row.response as DecisionRecord["response"],
    };
    yield {
      id: row.id,
      seq: row.seq,
      prevHash: row.prevHash,
      hash: row.hash,
      // The writer's own serializer (byte for byte canonicalJson of decisionHashContent, which a
      // unit test holds together): it walks only params and response generically.
      computeHash: () => decisionChainHash(row.prevHash, stored),
    };
  }
}

/**
 * Verify every decision chain of an org (one per writing instance, `dec:<orgId>:<instance>`),
 * naming the first broken record of each. Chains are found from their heads and from the rows,
 * so neither a deleted head nor a chain whose every row was deleted goes unnoticed.
 */
export async function verifyDecisionChain(db: DbOrTx, orgId: string): Promise<ChainReport[]> {
  const prefix = `${DECISION_CHAIN_PREFIX}${orgId}:`;
  const heads = await db.chainHead.findMany({ where: { orgId, chainKey: { startsWith: prefix } } });
  const fromRows = await db.decision.groupBy({ by: ["chainKey"], where: { orgId } });
  const keys = [...new Set([...heads.map((h) => h.chainKey), ...fromRows.map((r) => r.chainKey)])].sort();
  const reports: ChainReport[] = [];
  for (const chainKey of keys) {
    const head = heads.find((h) => h.chainKey === chainKey);
    const report = await verifyHashChain(
      chainKey,
      decisionRows(db, chainKey),
      head ? { seq: head.seq, hash: head.hash } : null,
    );
    if (!head && !report.firstBreak) {
      report.firstBreak = {
        chainKey,
        recordId: null,
        seq: null,
        problem: "the chain has records but no head (its head was deleted)",
      };
    }
    reports.push(report);
  }
  return reports;
}
