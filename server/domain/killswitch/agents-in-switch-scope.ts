import type { Tx } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { agentTree } from "../agents/find-descendant-agents";
import type { KillSwitchScopeName } from "./kill-switch-fields";

/**
 * The agents a switch stops, by id, or null for every agent of the org: the target agent, or the
 * environment's agents, and every sub-agent below them at any depth, whatever its environment.
 * The decision API refuses a sub-agent whose parent is paused or whose parent's environment is
 * frozen, so the switch stops those too, and what they were allowed must go with them. The walk
 * ignores status (a sub-agent below a decommissioned one is still below the target).
 */
export async function agentsInSwitchScope(
  tx: Tx,
  orgId: string,
  scope: KillSwitchScopeName,
  targetId: string | null,
): Promise<string[] | null> {
  if (scope === "ORG") return null;
  const roots =
    scope === "AGENT" ? Prisma.sql`id = ${targetId ?? ""}` : Prisma.sql`environment_id = ${targetId ?? ""}`;
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`${agentTree(orgId, roots)} SELECT id FROM tree ORDER BY id`;
  return rows.map((row) => row.id);
}
