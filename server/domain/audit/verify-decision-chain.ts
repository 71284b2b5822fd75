import type { DbOrTx } from "../../db";
import { decisionHashContent, DECISION_CHAIN_PREFIX, type DecisionRecord } from "../decide/decision-record";
import { verifyHashChain, type ChainedRow, type ChainReport } from "./verify-hash-chain";

const PAGE = 1000;

async function* decisionRows(db: DbOrTx, chainKey: string): AsyncGenerator<ChainedRow> {
  let after = -1n;
  for (;;) {
    const page = await db.decision.findMany({
      where: { chainKey, seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: PAGE,
    });
    for (const row of page) {
      const content = decisionHashContent({
        ...row,
        params: row.params as DecisionRecord["params"],
        response: row.response as DecisionRecord["response"],
        effect: row.effect,
        outcome: row.outcome,
      });
      yield { id: row.id, seq: row.seq, prevHash: row.prevHash, hash: row.hash, content };
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.seq;
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
