import os from "node:os";
import type { Tx } from "../../db";
import { writeAuditEvent, type Actor } from "../audit/write-audit-event";
import { canonicalJson } from "../canonical-json";
import type { FleetSignOff } from "../change-requests/fleet-sign-off";

// What applying a fleet file changed. Every actual change is written to the audit trail in the
// apply's transaction, as it happens; an unchanged row writes nothing, which is what makes a
// second apply of the same file leave no trace.

export type FleetApplyResult = {
  orgId: string;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** One line per change, e.g. `+ agent release-bot`, `~ agent release-bot: autonomy 1 → 2`. */
  changes: string[];
  /** True when nothing was committed (`--dry-run`). */
  dryRun: boolean;
  /**
   * Widenings of production agents that became change requests instead of applying, one line
   * each, e.g. `? raise quota writes per day of release-bot: 20 → 25 — sent to security for sign-off (chg_…)`.
   */
  pendingSignOff: string[];
};

type ChangeKind = "created" | "updated" | "deleted";
const MARK: Record<ChangeKind, string> = { created: "+", updated: "~", deleted: "-" };

export type AuditRecord = {
  action: string;
  targetType: string;
  targetId: string | null;
  before?: unknown;
  after?: unknown;
};

/** The actor of a change made from the command line: `cli:<operating-system user>`. */
export function cliActor(): Actor {
  let user = process.env.USER ?? process.env.USERNAME ?? "unknown";
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): keep what the environment says.
  }
  return { type: "CLI", id: null, label: `cli:${user}` };
}

export class FleetChanges {
  orgId = "";
  created = 0;
  updated = 0;
  deleted = 0;
  unchanged = 0;
  readonly changes: string[] = [];
  /** Whether agents, grants, quotas, operations or environments changed (the policy cache). */
  policyChanged = false;
  /** Set when widenings of production agents must wait for sign-off (not when the apply creates the org). */
  signOff: FleetSignOff | null = null;

  constructor(
    private readonly tx: Tx,
    private readonly actor: Actor,
  ) {}

  async record(
    kind: ChangeKind,
    line: string,
    audit: AuditRecord,
    options: { policy: boolean },
  ): Promise<void> {
    this[kind] += 1;
    this.changes.push(`${MARK[kind]} ${line}`);
    if (options.policy) this.policyChanged = true;
    await writeAuditEvent(this.tx, { orgId: this.orgId, actor: this.actor, ...audit });
  }

  same(): void {
    this.unchanged += 1;
  }

  result(dryRun: boolean): FleetApplyResult {
    const { orgId, created, updated, deleted, unchanged, changes } = this;
    const pendingSignOff = [...(this.signOff?.lines ?? [])];
    return { orgId, created, updated, deleted, unchanged, changes: [...changes], dryRun, pendingSignOff };
  }
}

/**
 * The names of the fields whose values differ, compared as canonical JSON: key order inside
 * JSON Schemas does not count (Postgres' jsonb does not keep it), Dates and BigInts do work.
 */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): (keyof T & string)[] {
  return (Object.keys(after) as (keyof T & string)[]).filter(
    (key) => canonicalJson(before[key] ?? null) !== canonicalJson(after[key] ?? null),
  );
}
