import type pg from "pg";
import { buildPolicySnapshot } from "../../domain/policy/build-policy-snapshot";
import type { PolicySnapshot } from "../../domain/policy/policy-snapshot";
import { AppError } from "../../domain/errors";
import { loadCredentialOrg, loadPolicyRows, loadPolicyVersions } from "./load-policy-rows";
import { PolicyListener, type PolicyChange } from "./policy-listener";

export type PolicyCacheOptions = {
  /** A snapshot not confirmed current for this long is re-checked before use (the 1-second promise). */
  maxStalenessMs?: number;
  /** How often every cached org's version is compared with the database. */
  pollIntervalMs?: number;
  /** How long an unknown credential prefix stays known-unknown. */
  missTtlMs?: number;
  /** Where to LISTEN; without it, only the version check invalidates. */
  listenConnectionString?: string | null;
};

type Entry = {
  snapshot: PolicySnapshot;
  /** performance.now() at which the snapshot was last known to be current. */
  verifiedAt: number;
  lastUsedAt: number;
};

const IDLE_EVICTION_MS = 10 * 60_000;
const MAX_MISSES = 10_000;

/**
 * Per-process policy snapshots, one per org. A change made anywhere reaches every instance
 * within a second by two paths: the NOTIFY that bumpPolicyVersion sends (usually milliseconds),
 * and a version check that runs every `pollIntervalMs` and, should it fall behind, before any
 * use of a snapshot older than `maxStalenessMs`. A store failure surfaces as STORE_UNAVAILABLE.
 */
export class PolicyCache {
  private readonly entries = new Map<string, Entry>();
  /** The highest version announced per org; a snapshot below it is never used. */
  private readonly announced = new Map<string, number>();
  private readonly loading = new Map<string, Promise<PolicySnapshot | null>>();
  private readonly revalidating = new Map<string, Promise<void>>();
  private readonly prefixOrgs = new Map<string, string>();
  private readonly prefixMisses = new Map<string, number>();
  private readonly forced = new Map<string, { startedAt: number; check: Promise<void> }>();
  private readonly listener: PolicyListener | null;
  private pollTimer: NodeJS.Timeout | null = null;
  private readonly maxStalenessMs: number;
  private readonly pollIntervalMs: number;
  private readonly missTtlMs: number;

  constructor(
    private readonly pool: pg.Pool,
    options: PolicyCacheOptions = {},
  ) {
    this.maxStalenessMs = options.maxStalenessMs ?? 1_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 400;
    this.missTtlMs = options.missTtlMs ?? 2_000;
    this.listener = options.listenConnectionString
      ? new PolicyListener(options.listenConnectionString, {
          onChange: (change) => this.announce(change),
          onReconnect: () => void this.poll(),
        })
      : null;
  }

  start(): void {
    this.listener?.start();
    this.pollTimer = setInterval(() => void this.poll(), this.pollIntervalMs);
    this.pollTimer.unref();
  }

  async close(): Promise<void> {
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.listener?.close();
  }

  get listening(): boolean {
    return this.listener?.connected ?? false;
  }

  /** The org's current snapshot; null when the org does not exist. */
  async get(orgId: string): Promise<PolicySnapshot | null> {
    const now = performance.now();
    const entry = this.entries.get(orgId);
    if (entry && this.isCurrent(entry)) {
      entry.lastUsedAt = now;
      if (now - entry.verifiedAt <= this.maxStalenessMs) return entry.snapshot;
      await this.revalidate(orgId);
      const after = this.entries.get(orgId);
      if (after && this.isCurrent(after) && performance.now() - after.verifiedAt <= this.maxStalenessMs)
        return after.snapshot;
    }
    return this.load(orgId);
  }

  /**
   * The snapshot `get` would return without any I/O, or null when `get` would have to read (or
   * wait for) the database. It lets the hot path skip its awaits when everything is in memory.
   */
  peek(orgId: string): PolicySnapshot | null {
    const entry = this.entries.get(orgId);
    if (!entry || !this.isCurrent(entry)) return null;
    const now = performance.now();
    if (now - entry.verifiedAt > this.maxStalenessMs) return null;
    entry.lastUsedAt = now;
    return entry.snapshot;
  }

  /** The org of a credential prefix when it is known in memory (see orgForCredentialPrefix). */
  peekCredentialOrg(prefix: string): string | undefined {
    return this.prefixOrgs.get(prefix);
  }

  /**
   * The org's snapshot, checked against the database by a version check that started no earlier
   * than `since`: for a credential the snapshot does not know, which may have been issued a moment
   * ago, before the notification of it arrived. Concurrent callers share one check.
   */
  async refresh(orgId: string, since: number): Promise<PolicySnapshot | null> {
    let forced = this.forced.get(orgId);
    if (!forced || forced.startedAt < since) {
      forced = {
        startedAt: performance.now(),
        check: this.entries.has(orgId) ? this.checkVersions([orgId]) : Promise.resolve(),
      };
      this.forced.set(orgId, forced);
    }
    await forced.check;
    return this.get(orgId);
  }

  /** The org of a credential prefix; unknown prefixes are remembered briefly, so floods stay cheap. */
  async orgForCredentialPrefix(prefix: string): Promise<string | null> {
    const known = this.prefixOrgs.get(prefix);
    if (known) return known;
    const missAt = this.prefixMisses.get(prefix);
    if (missAt !== undefined && performance.now() - missAt < this.missTtlMs) return null;
    const orgId = await this.guard(() => loadCredentialOrg(this.pool, prefix));
    if (orgId) {
      this.prefixOrgs.set(prefix, orgId);
      this.prefixMisses.delete(prefix);
    } else {
      if (this.prefixMisses.size >= MAX_MISSES) this.prefixMisses.clear();
      this.prefixMisses.set(prefix, performance.now());
    }
    return orgId;
  }

  private isCurrent(entry: Entry): boolean {
    return entry.snapshot.version >= (this.announced.get(entry.snapshot.orgId) ?? 0);
  }

  private announce(change: PolicyChange): void {
    if (change.version > (this.announced.get(change.orgId) ?? 0))
      this.announced.set(change.orgId, change.version);
    const entry = this.entries.get(change.orgId);
    if (entry && entry.snapshot.version < change.version) this.entries.delete(change.orgId);
    // A new credential may be behind a prefix we remembered as unknown.
    this.prefixMisses.clear();
  }

  private load(orgId: string): Promise<PolicySnapshot | null> {
    const inFlight = this.loading.get(orgId);
    if (inFlight) return inFlight;
    const promise = this.loadFresh(orgId).finally(() => this.loading.delete(orgId));
    this.loading.set(orgId, promise);
    return promise;
  }

  private async loadFresh(orgId: string): Promise<PolicySnapshot | null> {
    // A notification may announce a version newer than the read; then read again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const startedAt = performance.now();
      const rows = await this.guard(() => loadPolicyRows(this.pool, orgId));
      if (!rows) {
        this.entries.delete(orgId);
        return null;
      }
      const snapshot = buildPolicySnapshot(rows);
      const entry: Entry = { snapshot, verifiedAt: startedAt, lastUsedAt: performance.now() };
      if (!this.isCurrent(entry)) continue;
      this.entries.set(orgId, entry);
      for (const prefix of snapshot.credentialsByPrefix.keys()) this.prefixOrgs.set(prefix, orgId);
      return snapshot;
    }
    throw new AppError("STORE_UNAVAILABLE", "The policy kept changing while it was read.");
  }

  private revalidate(orgId: string): Promise<void> {
    const inFlight = this.revalidating.get(orgId);
    if (inFlight) return inFlight;
    const promise = this.checkVersions([orgId]).finally(() => this.revalidating.delete(orgId));
    this.revalidating.set(orgId, promise);
    return promise;
  }

  /** Compare cached versions with the database; confirm the current ones, drop the stale ones. */
  private async checkVersions(orgIds: string[]): Promise<void> {
    const startedAt = performance.now();
    const versions = await this.guard(() => loadPolicyVersions(this.pool, orgIds));
    for (const orgId of orgIds) {
      const entry = this.entries.get(orgId);
      if (!entry) continue;
      const version = versions.get(orgId);
      if (version === undefined || version > entry.snapshot.version) this.entries.delete(orgId);
      else entry.verifiedAt = Math.max(entry.verifiedAt, startedAt);
    }
  }

  private async poll(): Promise<void> {
    const now = performance.now();
    for (const [orgId, entry] of this.entries) {
      if (now - entry.lastUsedAt > IDLE_EVICTION_MS) this.entries.delete(orgId);
    }
    if (this.entries.size === 0) return;
    await this.checkVersions([...this.entries.keys()]).catch(() => undefined);
  }

  private async guard<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      throw new AppError("STORE_UNAVAILABLE", "The policy store could not be read.", { cause: error });
    }
  }
}
