import type { DbOrTx } from "../../db";

/** Drift alerts of the org (or of one agent), open ones first, newest first. */
export async function listDriftAlerts(
  db: DbOrTx,
  orgId: string,
  options: { agentId?: string; openOnly?: boolean; limit?: number } = {},
) {
  const alerts = await db.driftAlert.findMany({
    where: {
      orgId,
      ...(options.agentId ? { agentId: options.agentId } : {}),
      ...(options.openOnly ? { acknowledgedAt: null } : {}),
    },
    orderBy: [{ createdAt: "desc" }],
    take: options.limit ?? 50,
    include: { agent: { select: { id: true, name: true, autonomy: true, ownerId: true } } },
  });
  return alerts.sort((a, b) => Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null));
}
