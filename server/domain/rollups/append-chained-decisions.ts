import { randomBytes } from "node:crypto";
import type { Tx } from "../../db";
import { GENESIS_HASH, sha256Hex } from "../audit/hash-chain";
import { canonicalJson, type JsonValue } from "../canonical-json";
import { decisionChainHash, decisionChainKey, type DecisionRecord } from "../decide/decision-record";

export type DecisionDraft = {
  orgId: string;
  agentId: string;
  runId?: string | null;
  tool: string;
  operation: string;
  resource: string;
  params?: JsonValue;
  effect: DecisionRecord["effect"];
  outcome: DecisionRecord["outcome"];
  reasonCode: string;
  reasonMessage: string;
  spendCents?: number;
  tokens?: number;
  createdAt: Date;
};

/**
 * Appends decisions to one chain of an org outside the hot path (demo activity, tests, the
 * drift scenario), hash-chained exactly as /api/decide chains them and with the chain head moved
 * in the same transaction, so `warden audit verify` accepts them and the rollup job sees them.
 */
export async function appendChainedDecisions(
  tx: Tx,
  orgId: string,
  writer: string,
  drafts: DecisionDraft[],
): Promise<number> {
  if (drafts.length === 0) return 0;
  const chainKey = decisionChainKey(orgId, writer);
  await tx.$executeRaw`
    INSERT INTO chain_heads (chain_key, org_id, seq, hash, updated_at)
    VALUES (${chainKey}, ${orgId}, 0, ${GENESIS_HASH}, now()) ON CONFLICT (chain_key) DO NOTHING`;
  const [head] = await tx.$queryRaw<{ seq: bigint; hash: string }[]>`
    SELECT seq, hash FROM chain_heads WHERE chain_key = ${chainKey} FOR UPDATE`;
  let seq = head!.seq;
  // Like the hot path: an empty chain's head is seq 0 with the genesis hash; rows start at 1.
  let prevHash = head!.hash;
  const rows: DecisionRecord[] = drafts.map((d) => {
    seq += 1n;
    const params = d.params ?? null;
    const id = `dec_${randomBytes(12).toString("hex")}`;
    const response: JsonValue = {
      decision: d.outcome === "ALLOW" ? "allow" : d.outcome === "DENY" ? "deny" : "require_approval",
      decisionId: id,
      reason: { code: d.reasonCode, message: d.reasonMessage },
    };
    const record: Omit<DecisionRecord, "hash"> & { hash: string } = {
      id,
      orgId,
      agentId: d.agentId,
      runId: d.runId ?? null,
      credentialId: null,
      tool: d.tool,
      operation: d.operation,
      resource: d.resource,
      params,
      actionHash: sha256Hex(
        canonicalJson({
          agent: d.agentId,
          run: d.runId ?? null,
          tool: d.tool,
          operation: d.operation,
          resource: d.resource,
          params,
        }),
      ),
      effect: d.effect,
      outcome: d.outcome,
      reasonCode: d.reasonCode,
      reasonMessage: d.reasonMessage,
      grantId: null,
      approvalId: null,
      planId: null,
      policyVersion: 1,
      latencyMicros: 400,
      spendCents: d.spendCents ?? 0,
      tokens: d.tokens ?? 0,
      onBehalfOf: null,
      idempotencyKey: null,
      requestHash: null,
      response,
      chainKey,
      seq,
      prevHash,
      hash: "",
      createdAt: d.createdAt,
    };
    record.hash = decisionChainHash(prevHash, record);
    prevHash = record.hash;
    return record;
  });
  for (let i = 0; i < rows.length; i += 2000) {
    await tx.decision.createMany({
      data: rows.slice(i, i + 2000).map((r) => ({
        ...r,
        params: r.params === null ? undefined : (r.params as object),
        response: r.response as object,
        spendCents: BigInt(r.spendCents),
        tokens: BigInt(r.tokens),
      })),
    });
  }
  await tx.$executeRaw`UPDATE chain_heads SET seq = ${seq}, hash = ${prevHash}, updated_at = now() WHERE chain_key = ${chainKey}`;
  return rows.length;
}
