import type { DbOrTx } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";
import type { KillSwitchScopeName } from "./kill-switch-fields";

export type KillSwitchView = {
  id: string;
  scope: KillSwitchScopeName;
  targetId: string | null;
  /** The agent's or environment's name, or the org's for an org-wide switch. */
  targetName: string;
  reason: string;
  engagedAt: Date;
  engagedBy: string;
  releasedAt: Date | null;
  releasedBy: string | null;
  releaseReason: string | null;
};

const HISTORY = 20;

/**
 * Engaged switches (newest first) and the most recently released ones, with names in words: the
 * target's name and who engaged or released it, as the audit trail recorded them.
 */
export async function listKillSwitches(
  db: DbOrTx,
  orgId: string,
): Promise<{ engaged: KillSwitchView[]; released: KillSwitchView[] }> {
  const [engaged, released] = await Promise.all([
    db.killSwitch.findMany({ where: { orgId, releasedAt: null }, orderBy: { engagedAt: "desc" } }),
    db.killSwitch.findMany({
      where: { orgId, releasedAt: { not: null } },
      orderBy: { releasedAt: "desc" },
      take: HISTORY,
    }),
  ]);
  const rows = [...engaged, ...released];
  const ids = rows.map((row) => row.id);
  const targetIds = rows.map((row) => row.targetId).filter((id): id is string => id !== null);
  const [org, agents, environments, events] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { name: true } }),
    db.agent.findMany({ where: { orgId, id: { in: targetIds } }, select: { id: true, name: true } }),
    db.environment.findMany({ where: { orgId, id: { in: targetIds } }, select: { id: true, name: true } }),
    db.auditEvent.findMany({
      where: { orgId, targetType: "kill_switch", targetId: { in: ids } },
      select: { targetId: true, action: true, actorLabel: true },
    }),
  ]);
  const names = new Map([...agents, ...environments].map((row) => [row.id, row.name]));
  const actor = (id: string, action: string) =>
    events.find((e) => e.targetId === id && e.action === action)?.actorLabel ?? null;
  const view = (row: (typeof rows)[number]): KillSwitchView => ({
    id: row.id,
    scope: row.scope,
    targetId: row.targetId,
    targetName: row.targetId ? (names.get(row.targetId) ?? row.targetId) : org.name,
    reason: row.reason,
    engagedAt: row.engagedAt,
    engagedBy: actor(row.id, "killswitch.engaged") ?? "unknown",
    releasedAt: row.releasedAt,
    releasedBy: row.releasedAt ? (actor(row.id, "killswitch.released") ?? "unknown") : null,
    releaseReason: row.releaseReason,
  });
  return { engaged: engaged.map(view), released: released.map(view) };
}

/** The console's read: any member of the org may see which switches are on. */
export function listKillSwitchesFor(db: DbOrTx, member: MemberContext) {
  authorize(member, "org:read");
  return listKillSwitches(db, member.orgId);
}
