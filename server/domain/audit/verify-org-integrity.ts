import type { DbOrTx } from "../../db";
import { verifyLatestCheckpoint, type CheckpointCheck } from "../checkpoints/verify-checkpoint";
import { verifyAuditChain } from "./verify-audit-chain";
import { verifyDecisionChain } from "./verify-decision-chain";
import type { ChainReport } from "./verify-hash-chain";

export type IntegrityReport = {
  ok: boolean;
  chains: ChainReport[];
  /** The latest signed checkpoint checked against the chains; null when there is none yet. */
  checkpoint: CheckpointCheck | null;
};

/**
 * Everything `warden audit verify` and the console's "Verify integrity" check for one org: the
 * control-plane chain, every decision chain (each naming its first broken record), and the
 * latest signed checkpoint (its signature, and that every head it signed is still in its chain).
 */
export async function verifyOrgIntegrity(db: DbOrTx, orgId: string): Promise<IntegrityReport> {
  const chains = [await verifyAuditChain(db, orgId), ...(await verifyDecisionChain(db, orgId))];
  const checkpoint = await verifyLatestCheckpoint(db, orgId);
  const ok = chains.every((c) => !c.firstBreak) && (checkpoint?.problems.length ?? 0) === 0;
  return { ok, chains, checkpoint };
}
