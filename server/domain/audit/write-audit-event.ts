import type { Tx } from "../../db";
import { toJsonValue } from "../canonical-json";
import { GENESIS_HASH, auditChainKey, chainHash } from "./hash-chain";

export type Actor = {
  type: "USER" | "CLI" | "SYSTEM" | "AGENT";
  /** The user, agent or member id, where there is one. */
  id: string | null;
  /** Who, in words: an e-mail, `cli:root`, `system`. */
  label: string;
};

export const SYSTEM_ACTOR: Actor = { type: "SYSTEM", id: null, label: "system" };

export type AuditEventInput = {
  orgId: string;
  actor: Actor;
  /** e.g. `agent.created`, `credential.rotated`. */
  action: string;
  targetType: string;
  targetId: string | null;
  before?: unknown;
  after?: unknown;
};

/** The fields the chain hash covers, in the form verification reads them back. */
export function auditHashContent(row: {
  id: string;
  orgId: string;
  seq: bigint | number | string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
}) {
  return {
    id: row.id,
    orgId: row.orgId,
    seq: String(row.seq),
    actorType: row.actorType,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    before: toJsonValue(row.before ?? null),
    after: toJsonValue(row.after ?? null),
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Lock the head of the org's audit chain (made on first use) for the rest of the transaction, and
 * read it. writeAuditEvent takes it; a change that must lock the organization row before its
 * audit event takes it first through here, because the changes of an org lock in this order:
 * the rows they change, then this head (their audit event), then the organization row (the
 * policy version bump). Taking the organization row before the head would deadlock with them.
 */
export async function lockAuditChainHead(tx: Tx, orgId: string): Promise<{ seq: bigint; hash: string }> {
  const chainKey = auditChainKey(orgId);
  await tx.$executeRaw`
    INSERT INTO chain_heads (chain_key, org_id, seq, hash) VALUES (${chainKey}, ${orgId}, 0, ${GENESIS_HASH})
    ON CONFLICT (chain_key) DO NOTHING`;
  const heads = await tx.$queryRaw<{ seq: bigint; hash: string }[]>`
    SELECT seq, hash FROM chain_heads WHERE chain_key = ${chainKey} FOR UPDATE`;
  return heads[0]!;
}

/**
 * Append one control-plane event to the org's audit chain. Must run inside the transaction that
 * makes the change, so the change and its record commit together or not at all. The chain head
 * row is locked for the rest of the transaction, which keeps the chain linear.
 */
export async function writeAuditEvent(tx: Tx, input: AuditEventInput): Promise<{ id: string; seq: bigint }> {
  const chainKey = auditChainKey(input.orgId);
  const head = await lockAuditChainHead(tx, input.orgId);
  const seq = BigInt(head.seq) + 1n;
  const id = `aud_${crypto.randomUUID().replaceAll("-", "")}`;
  const createdAt = new Date();
  const before = input.before === undefined ? null : toJsonValue(input.before);
  const after = input.after === undefined ? null : toJsonValue(input.after);
  const row = {
    id,
    orgId: input.orgId,
    seq,
    actorType: input.actor.type,
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId,
    before,
    after,
    createdAt,
  };
  const hash = chainHash(head.hash, auditHashContent(row));
  await tx.auditEvent.create({
    data: {
      ...row,
      before: before ?? undefined,
      after: after ?? undefined,
      chainKey,
      prevHash: head.hash,
      hash,
    },
  });
  await tx.$executeRaw`UPDATE chain_heads SET seq = ${seq}, hash = ${hash}, updated_at = now() WHERE chain_key = ${chainKey}`;
  return { id, seq };
}
