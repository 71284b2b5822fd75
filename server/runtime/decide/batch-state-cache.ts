import type { LockedState } from "../../domain/decide/settle-batch";

// What the last batches left behind: quota usage, decision chain heads and open approval counts,
// as this process last wrote or read them. A batch whose needs are all known here is settled on
// them and written in one round trip by a checked write, which compares every one of them with
// the locked rows and writes nothing if any differs (another instance, a human decision, a failed
// batch). The cache is a guess that the database confirms, never a source of truth.

/** What a batch reads before it can be settled, keyed as the settlement keys them. */
export type BatchNeeds = {
  /** usageKey → the usage row. */
  usage: Map<
    string,
    { org_id: string; agent_id: string; metric: string; window: string; window_key: string }
  >;
  /** chain key → its org. */
  chains: Map<string, { chain_key: string; org_id: string }>;
  /** Agents that may open an approval in this batch (sorted). */
  opensApprovals: string[];
  /** Approvals the batch would use up (sorted). */
  presented: string[];
  idempotencyKeys: { agent_id: string; idempotency_key: string }[];
  orgIds: string[];
};

const MAX_ENTRIES = 200_000;

export class BatchStateCache {
  private readonly usage = new Map<string, number>();
  private readonly heads = new Map<string, { seq: bigint; hash: string }>();
  private readonly openApprovals = new Map<string, number>();

  /**
   * The state to settle a batch on without reading, or null when something it needs is not
   * known here. Batches that use up approvals always read (the approval must be locked and
   * re-checked), and so do batches whose idempotency keys may have stored answers (the write
   * then checks that none exists).
   */
  stateFor(needs: BatchNeeds, now: Date): LockedState | null {
    if (needs.presented.length > 0) return null;
    const usage = new Map<string, number>();
    for (const key of needs.usage.keys()) {
      const used = this.usage.get(key);
      if (used === undefined) return null;
      usage.set(key, used);
    }
    const heads = new Map<string, { seq: bigint; hash: string }>();
    for (const chainKey of needs.chains.keys()) {
      const head = this.heads.get(chainKey);
      if (!head) return null;
      heads.set(chainKey, head);
    }
    const pendingApprovals = new Map<string, number>();
    for (const agentId of needs.opensApprovals) {
      const open = this.openApprovals.get(agentId);
      if (open === undefined) return null;
      pendingApprovals.set(agentId, open);
    }
    return { now, usage, heads, approvals: new Map(), pendingApprovals, existing: new Map() };
  }

  /**
   * Remember the state a settled batch leaves behind, before it commits: a batch settled next
   * (in another flush slot) builds on it, and its checked write waits for this one's row locks.
   * If this batch does not commit, `forget` undoes it, and whatever was built on it fails its check.
   */
  remember(needs: BatchNeeds, after: LockedState): void {
    if (this.usage.size > MAX_ENTRIES) this.usage.clear();
    if (this.openApprovals.size > MAX_ENTRIES) this.openApprovals.clear();
    for (const key of needs.usage.keys()) {
      const used = after.usage.get(key);
      if (used === undefined) this.usage.delete(key);
      else this.usage.set(key, used);
    }
    for (const chainKey of needs.chains.keys()) {
      const head = after.heads.get(chainKey);
      if (head) this.heads.set(chainKey, head);
      else this.heads.delete(chainKey);
    }
    for (const agentId of needs.opensApprovals) {
      const open = after.pendingApprovals.get(agentId);
      if (open === undefined) this.openApprovals.delete(agentId);
      else this.openApprovals.set(agentId, open);
    }
  }

  /** Drop everything a batch relied on: the next batch that needs it reads it again. */
  forget(needs: BatchNeeds): void {
    for (const key of needs.usage.keys()) this.usage.delete(key);
    for (const chainKey of needs.chains.keys()) this.heads.delete(chainKey);
    for (const agentId of needs.opensApprovals) this.openApprovals.delete(agentId);
  }
}
