import type { DbOrTx, Tx } from "../../db";
import { Prisma } from "../../generated/prisma/client";

// The sub-agent tree below an agent (children, their children, …) is walked whatever each one's
// status: a sub-agent of a child decommissioned earlier is still below the parent. UNION (not
// UNION ALL) ends the walk even on a corrupt tree with a cycle.

/** `WITH RECURSIVE tree(id)`: the org's agents matching `roots`, and every agent below them. */
export function agentTree(orgId: string, roots: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH RECURSIVE tree(id) AS (
      SELECT id FROM agents WHERE org_id = ${orgId} AND ${roots}
      UNION
      SELECT a.id FROM agents a JOIN tree t ON a.parent_id = t.id WHERE a.org_id = ${orgId}
    )`;
}

const below = (orgId: string, agentId: string) => agentTree(orgId, Prisma.sql`parent_id = ${agentId}`);

/** How many descendants are not decommissioned yet (what decommissioning the agent takes along). */
export async function countActiveDescendants(db: DbOrTx, orgId: string, agentId: string): Promise<number> {
  const rows = await db.$queryRaw<{ n: number }[]>`
    ${below(orgId, agentId)}
    SELECT count(*)::int AS n FROM agents
     WHERE id IN (SELECT id FROM tree) AND id <> ${agentId} AND status <> 'DECOMMISSIONED'`;
  return rows[0]?.n ?? 0;
}

/**
 * The not yet decommissioned descendants, locked FOR UPDATE in id order (a stable order, so two
 * cascades over overlapping trees wait for each other instead of deadlocking)
 */
export async function lockActiveDescendants(tx: Tx, orgId: string, agentId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    ${below(orgId, agentId)}
    SELECT id FROM agents
     WHERE id IN (SELECT id FROM tree) AND id <> ${agentId} AND status <> 'DECOMMISSIONED'
     ORDER BY id
       FOR UPDATE`;
  return rows.map((r) => r.id);
}
