import type { Tx } from "../../db";
import type { Agent } from "../../generated/prisma/client";
import { notifyApprovalChanged } from "../approvals/notify-approval-changed";
import { writeAuditEvent } from "../audit/write-audit-event";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { fieldError, parseField, reasonSchema } from "./agent-fields";
import type { ChangeContext } from "./change-context";
import { agentAuditSnapshot, lockAgentForChange } from "./lock-agent-for-change";

export type DecommissionAgentInput = { id: string; reason: string; confirmName: string };

export type DecommissionResult = {
  agent: Agent;
  revokedCredentialIds: string[];
  cancelledApprovalIds: string[];
  cancelledPlanIds: string[];
  cancelledChangeRequestIds: string[];
};

/**
 * Retire an agent for good. Its credentials are revoked and whatever it was waiting for is
 * cancelled, in the same transaction; every row stays, so its runs, decisions and audit trail
 * can still be read. There is no way back: a new agent needs a new name.
 */
export async function decommissionAgent(
  tx: Tx,
  ctx: ChangeContext,
  input: DecommissionAgentInput,
): Promise<DecommissionResult> {
  const reason = parseField(reasonSchema, input.reason, "reason");
  const agent = await lockAgentForChange(tx, ctx, input.id);
  if (input.confirmName.trim() !== agent.name) {
    throw fieldError(
      "INVALID_REQUEST",
      "confirmName",
      `Type the agent's name, ${agent.name}, exactly to confirm.`,
    );
  }
  const now = new Date();
  const scope = { orgId: ctx.orgId, agentId: agent.id };

  const select = { id: true } as const;
  // Each cascade returns exactly the rows it changed, so the audit event names no more and no less.
  const credentials = await tx.credential.updateManyAndReturn({
    where: { ...scope, revokedAt: null },
    data: { revokedAt: now, revokedReason: `Agent decommissioned: ${reason}` },
    select,
  });
  // Approvals are decided by compare-and-set on `version`: bumping it makes any vote in flight
  // fail instead of deciding a cancelled approval.
  const approvals = await tx.approval.updateManyAndReturn({
    where: { ...scope, status: "PENDING" },
    data: { status: "CANCELLED", decidedAt: now, version: { increment: 1 } },
    select,
  });
  // Runtimes long-polling these approvals stop waiting as soon as this commits.
  for (const approval of approvals) await notifyApprovalChanged(tx, approval.id);
  const plans = await tx.plan.updateManyAndReturn({
    where: { ...scope, status: "PENDING" },
    data: { status: "CANCELLED" },
    select,
  });
  const changeRequests = await tx.changeRequest.updateManyAndReturn({
    where: { ...scope, status: "PENDING" },
    data: { status: "CANCELLED", decidedAt: now },
    select,
  });
  const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

  const updated = await tx.agent.update({
    where: { id: agent.id },
    data: { status: "DECOMMISSIONED", statusReason: reason, decommissionedAt: now },
  });

  const result: DecommissionResult = {
    agent: updated,
    revokedCredentialIds: ids(credentials),
    cancelledApprovalIds: ids(approvals),
    cancelledPlanIds: ids(plans),
    cancelledChangeRequestIds: ids(changeRequests),
  };
  await writeAuditEvent(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: "agent.decommissioned",
    targetType: "agent",
    targetId: agent.id,
    before: agentAuditSnapshot(agent),
    after: {
      ...agentAuditSnapshot(updated),
      revokedCredentialIds: result.revokedCredentialIds,
      cancelledApprovalIds: result.cancelledApprovalIds,
      cancelledPlanIds: result.cancelledPlanIds,
      cancelledChangeRequestIds: result.cancelledChangeRequestIds,
    },
  });
  await bumpPolicyVersion(tx, ctx.orgId);
  return result;
}
