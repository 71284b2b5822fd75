// After the load, the decision chains the benchmark wrote must verify end to end: the one-round-
// trip commit builds each batch on the chain head it remembers, and this proves it never forked.
import { createDb } from "../server/db";
import { verifyDecisionChain } from "../server/domain/audit/verify-decision-chain";

export type ChainCheck = { chains: number; records: number; broken: string[] };

export async function verifyBenchChains(databaseUrl: string, orgId: string): Promise<ChainCheck> {
  const db = createDb(databaseUrl, 2);
  try {
    const reports = await verifyDecisionChain(db, orgId);
    return {
      chains: reports.length,
      records: reports.reduce((n, r) => n + r.records, 0),
      broken: reports.flatMap((r) =>
        r.firstBreak ? [`${r.chainKey}: ${r.firstBreak.recordId ?? "end"}: ${r.firstBreak.problem}`] : [],
      ),
    };
  } finally {
    await db.$disconnect();
  }
}
