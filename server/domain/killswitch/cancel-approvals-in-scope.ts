import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { notifyApprovalChanged } from "../approvals/notify-approval-changed";
import type { KillSwitchScopeName } from "./kill-switch-fields";

/**
 * Cancel every pending approval in a switch's scope, so nobody approves an action of a stopped
 * agent while the switch is on (and nothing approved now can be used after a resume). Bumping
 * `version` makes any vote in flight fail its compare-and-set. Each waiting runtime is woken.
 */
export async function cancelApprovalsInScope(
  tx: Tx,
  orgId: string,
  scope: KillSwitchScopeName,
  targetId: string | null,
): Promise<string[]> {
  const where: Prisma.ApprovalWhereInput = { orgId, status: "PENDING" };
  if (scope === "AGENT") where.agentId = targetId ?? "";
  if (scope === "ENVIRONMENT") where.agent = { environmentId: targetId ?? "" };
  const cancelled = await tx.approval.updateManyAndReturn({
    where,
    data: { status: "CANCELLED", decidedAt: new Date(), version: { increment: 1 } },
    select: { id: true },
  });
  for (const approval of cancelled) await notifyApprovalChanged(tx, approval.id);
  return cancelled.map((approval) => approval.id);
}
