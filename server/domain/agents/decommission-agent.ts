import type { Tx } from "../../db";
import type { Agent } from "../../generated/prisma/client";
import { notifyApprovalChanged } from "../approvals/notify-approval-changed";
import { writeAuditEvent, type Actor } from "../audit/write-audit-event";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { fieldError, parseField, reasonSchema } from "./agent-fields";
import type { ChangeContext } from "./change-context";
import { lockActiveDescendants } from "./find-descendant-agents";
import { agentAuditSnapshot, lockAgentForChange } from "./lock-agent-for-change";

export type DecommissionAgentInput = { id: string; reason: string; confirmName: string };

/** What retiring one agent changed: exactly the rows it changed. */
export type RetiredAgent = {
  agent: Agent;
  revokedCredentialIds: string[];
  cancelledApprovalIds: string[];
  cancelledPlanIds: string[];
  cancelledChangeRequestIds: string[];
};

export type DecommissionResult = RetiredAgent & {
  /** Every sub-agent below it (at any depth) that was retired with it. */
  descendants: RetiredAgent[];
};

const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

/** Revoke, cancel and mark one locked agent, with its own audit event. */
async function retire(
  tx: Tx,
  input: {
    orgId: string;
    actor: Actor;
    agent: Agent;
    reason: string;
    now: Date;
    /** What the audit event adds about the cascade (the parent it went with, or who went along). */
    cascade: Record<string, unknown>;
  },
): Promise<RetiredAgent> {
  const { orgId, agent, reason, now } = input;
  const scope = { orgId, agentId: agent.id };
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
  const updated = await tx.agent.update({
    where: { id: agent.id },
    data: { status: "DECOMMISSIONED", statusReason: reason, decommissionedAt: now },
  });
  const result: RetiredAgent = {
    agent: updated,
    revokedCredentialIds: ids(credentials),
    cancelledApprovalIds: ids(approvals),
    cancelledPlanIds: ids(plans),
    cancelledChangeRequestIds: ids(changeRequests),
  };
  await writeAuditEvent(tx, {
    orgId,
    actor: input.actor,
    action: "agent.decommissioned",
    targetType: "agent",
    targetId: agent.id,
    before: agentAuditSnapshot(agent),
    after: {
      ...agentAuditSnapshot(updated),
      ...input.cascade,
      revokedCredentialIds: result.revokedCredentialIds,
      cancelledApprovalIds: result.cancelledApprovalIds,
      cancelledPlanIds: result.cancelledPlanIds,
      cancelledChangeRequestIds: result.cancelledChangeRequestIds,
    },
  });
  return result;
}

/**
 * Retire an agent for good, and with it every sub-agent below it: a sub-agent acts on its
 * parent's behalf and within its grants, so it cannot outlive it. For each one, its credentials
 * are revoked and whatever it was waiting for is cancelled, all in the same transaction; every
 * row stays, so runs, decisions and audit trails can still be read. There is no way back: a new
 * agent needs a new name. The member needs the right to change the parent only: its sub-agents
 * go with it whoever owns them (each one's audit event names the parent it went with).
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
  const descendantIds = await lockActiveDescendants(tx, ctx.orgId, agent.id);
  const descendantRows = await tx.agent.findMany({
    where: { id: { in: descendantIds }, orgId: ctx.orgId },
    orderBy: { id: "asc" },
  });

  const root = await retire(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    agent,
    reason,
    now,
    cascade: { decommissionedDescendantIds: descendantRows.map((d) => d.id) },
  });
  const descendants: RetiredAgent[] = [];
  for (const row of descendantRows) {
    descendants.push(
      await retire(tx, {
        orgId: ctx.orgId,
        actor: ctx.actor,
        agent: row,
        reason: `Parent agent ${agent.name} decommissioned: ${reason}`.slice(0, 500),
        now,
        cascade: { cascadedFrom: { agentId: agent.id, name: agent.name } },
      }),
    );
  }
  await bumpPolicyVersion(tx, ctx.orgId);
  return { ...root, descendants };
}
