import type { Tx } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { notifyApprovalChanged } from "../approvals/notify-approval-changed";
import { agentsInSwitchScope } from "./agents-in-switch-scope";
import type { KillSwitchScopeName } from "./kill-switch-fields";

export type CancelledInScope = { approvalIds: string[]; planIds: string[] };

async function lockedIds(tx: Tx, query: Prisma.Sql): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>(query);
  return rows.map((row) => row.id);
}

/**
 * Cancel whatever the agents in a switch's scope may still be allowed to do: pending approvals
 * (nobody approves an action of a stopped agent), approved approvals not used yet and pending or
 * approved plans (neither works again after the release: people approved them before the
 * incident, not after it). A plan's approval is an approval row, cancelled with the others.
 * Bumping an approval's `version` makes any vote in flight fail its compare-and-set; each
 * waiting runtime is woken. The caller bumps the policy version, and every instance reloads its
 * snapshot without the cancelled plans (it loads approved plans only).
 *
 * The rows are locked in id order, approvals before plans: the order in which decision batches
 * lock presented approvals, and in which a vote on a plan's approval and a decommission take
 * an approval and then its plan, so that this waits for them instead of deadlocking. FOR NO KEY
 * UPDATE is what the updates take anyway; it lets decisions that refer to a row be written.
 */
export async function cancelInScope(
  tx: Tx,
  orgId: string,
  scope: KillSwitchScopeName,
  targetId: string | null,
  now: Date,
): Promise<CancelledInScope> {
  const agentIds = await agentsInSwitchScope(tx, orgId, scope, targetId);
  if (agentIds?.length === 0) return { approvalIds: [], planIds: [] };
  const ofAgents = agentIds ? Prisma.sql`AND agent_id IN (${Prisma.join(agentIds)})` : Prisma.empty;

  const approvalIds = await lockedIds(
    tx,
    Prisma.sql`
      SELECT id FROM approvals
       WHERE org_id = ${orgId} ${ofAgents}
         AND (status = 'PENDING' OR (status = 'APPROVED' AND consumed_at IS NULL))
       ORDER BY id FOR NO KEY UPDATE`,
  );
  if (approvalIds.length > 0) {
    await tx.approval.updateMany({
      where: { id: { in: approvalIds } },
      data: { status: "CANCELLED", decidedAt: now, version: { increment: 1 } },
    });
  }
  for (const id of approvalIds) await notifyApprovalChanged(tx, id);

  const planIds = await lockedIds(
    tx,
    Prisma.sql`
      SELECT id FROM plans
       WHERE org_id = ${orgId} ${ofAgents} AND status IN ('PENDING', 'APPROVED')
       ORDER BY id FOR NO KEY UPDATE`,
  );
  if (planIds.length > 0) {
    await tx.plan.updateMany({ where: { id: { in: planIds } }, data: { status: "CANCELLED" } });
  }
  return { approvalIds, planIds };
}
