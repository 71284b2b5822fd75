import type { DbOrTx } from "../../db";

export type PendingApprovalsSummary = {
  count: number;
  oldestCreatedAt: Date | null;
  /** How long the pending ones have been waiting. */
  ages: { label: string; count: number }[];
  oldest: {
    id: string;
    agentId: string;
    agentName: string;
    ruleReason: string;
    createdAt: Date;
    expiresAt: Date;
  }[];
};

type AgeRow = { under1: bigint; under5: bigint; under30: bigint; older: bigint; oldest: Date | null };

/** Pending approvals and how long they have waited (approvals table, index on org, status, created). */
export async function getPendingApprovals(
  db: DbOrTx,
  orgId: string,
  now = new Date(),
): Promise<PendingApprovalsSummary> {
  const [ages] = await db.$queryRaw<AgeRow[]>`
    SELECT count(*) FILTER (WHERE created_at > ${now}::timestamptz - interval '1 minute') AS under1,
           count(*) FILTER (WHERE created_at <= ${now}::timestamptz - interval '1 minute'
                              AND created_at > ${now}::timestamptz - interval '5 minutes') AS under5,
           count(*) FILTER (WHERE created_at <= ${now}::timestamptz - interval '5 minutes'
                              AND created_at > ${now}::timestamptz - interval '30 minutes') AS under30,
           count(*) FILTER (WHERE created_at <= ${now}::timestamptz - interval '30 minutes') AS older,
           min(created_at) AS oldest
    FROM approvals WHERE org_id = ${orgId} AND status = 'PENDING'`;
  const oldest = await db.approval.findMany({
    where: { orgId, status: "PENDING" },
    orderBy: { createdAt: "asc" },
    take: 5,
    select: {
      id: true,
      agentId: true,
      ruleReason: true,
      createdAt: true,
      expiresAt: true,
      agent: { select: { name: true } },
    },
  });
  const counts = [ages?.under1, ages?.under5, ages?.under30, ages?.older].map((n) => Number(n ?? 0));
  return {
    count: counts.reduce((a, b) => a + b, 0),
    oldestCreatedAt: ages?.oldest ?? null,
    ages: [
      { label: "< 1 min", count: counts[0]! },
      { label: "1–5 min", count: counts[1]! },
      { label: "5–30 min", count: counts[2]! },
      { label: "> 30 min", count: counts[3]! },
    ],
    oldest: oldest.map(({ agent, ...a }) => ({ ...a, agentName: agent.name })),
  };
}
