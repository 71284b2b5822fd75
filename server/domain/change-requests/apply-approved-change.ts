import type { Tx } from "../../db";
import type { Agent } from "../../generated/prisma/client";
import { assertNotDecommissioned } from "../agents/lock-agent-for-change";
import { agentAuditSnapshot } from "../agents/lock-agent-for-change";
import { writeAuditEvent, type Actor } from "../audit/write-audit-event";
import { canonicalJson } from "../canonical-json";
import { AppError } from "../errors";
import { assertWithinParentGrants } from "../grants/assert-within-parent-grants";
import {
  GRANT_ROW_SELECT,
  grantAuditSnapshot,
  grantFieldsToData,
  grantRowToFields,
} from "../grants/grant-record";
import { validateGrantFields } from "../grants/validate-grant-fields";
import { quotaAuditSnapshot } from "../quotas/quota-record";
import { grantFromJson, grantToJson, type ScopeChange } from "./change-request-payload";

const changedMeanwhile = (what: string) =>
  new AppError(
    "CONFLICT",
    `${what} changed after this request was made, so approving it could undo someone else's change. Reject it and ask for a new request.`,
  );

/**
 * Apply an approved change inside the approval's transaction, after checking that what it touches
 * is still as it was when requested. The agent row is locked first, so nothing changes it between
 * the check and the write. Writes the usual audit event of the change, by the approver.
 */
export async function applyApprovedChange(
  tx: Tx,
  input: {
    orgId: string;
    agentId: string;
    changeRequestId: string;
    change: ScopeChange;
    actor: Actor;
    now: Date;
  },
): Promise<void> {
  const { orgId, change, actor, changeRequestId } = input;
  await tx.$queryRaw`SELECT id FROM agents WHERE id = ${input.agentId} AND org_id = ${orgId} FOR UPDATE`;
  const agent = await tx.agent.findFirst({ where: { id: input.agentId, orgId } });
  if (!agent) throw new AppError("NOT_FOUND", "The agent of this change request was not found.");
  assertNotDecommissioned(agent);
  const audit = { orgId, actor };

  switch (change.kind) {
    case "grant.create": {
      const fields = validateGrantFields(grantFromJson(change.payload.grant), {
        now: input.now,
        checkExpiryInFuture: true,
      });
      if (agent.parentId) await assertWithinParentGrants(tx, orgId, agent.parentId, fields, input.now);
      const current = await tx.grant.findMany({ where: { agentId: agent.id }, select: GRANT_ROW_SELECT });
      const wanted = canonicalJson(grantToJson(fields));
      if (current.some((row) => canonicalJson(grantToJson(grantRowToFields(row))) === wanted)) {
        throw changedMeanwhile(`${agent.name} already has this grant: it`);
      }
      const grant = await tx.grant.create({
        data: { orgId, agentId: agent.id, ...grantFieldsToData(fields) },
        select: { id: true },
      });
      await writeAuditEvent(tx, {
        ...audit,
        action: "grant.created",
        targetType: "grant",
        targetId: grant.id,
        after: { ...grantAuditSnapshot(agent.id, fields), changeRequestId },
      });
      return;
    }
    case "grant.update": {
      const row = await tx.grant.findFirst({
        where: { id: change.payload.grantId, agentId: agent.id },
        select: GRANT_ROW_SELECT,
      });
      if (!row) throw changedMeanwhile("The grant was removed: it");
      const before = grantRowToFields(row);
      if (canonicalJson(grantToJson(before)) !== canonicalJson(change.before.grant)) {
        throw changedMeanwhile("The grant");
      }
      const fields = validateGrantFields(grantFromJson(change.payload.grant), {
        now: input.now,
        checkExpiryInFuture: change.payload.grant.expiresAt !== change.before.grant.expiresAt,
      });
      if (agent.parentId) await assertWithinParentGrants(tx, orgId, agent.parentId, fields, input.now);
      await tx.grant.update({ where: { id: row.id }, data: grantFieldsToData(fields) });
      await writeAuditEvent(tx, {
        ...audit,
        action: "grant.updated",
        targetType: "grant",
        targetId: row.id,
        before: grantAuditSnapshot(agent.id, before),
        after: { ...grantAuditSnapshot(agent.id, fields), changeRequestId },
      });
      return;
    }
    case "quota.set":
      return applyQuotaChange(tx, agent, change, { ...audit, changeRequestId });
    case "agent.autonomy": {
      if (agent.autonomy !== change.before.autonomy) throw changedMeanwhile(`${agent.name}'s autonomy`);
      const updated = await tx.agent.update({
        where: { id: agent.id },
        data: { autonomy: change.payload.autonomy },
      });
      await writeAuditEvent(tx, {
        ...audit,
        action: "agent.updated",
        targetType: "agent",
        targetId: agent.id,
        before: agentAuditSnapshot(agent),
        after: { ...agentAuditSnapshot(updated), changeRequestId },
      });
      return;
    }
  }
}

async function applyQuotaChange(
  tx: Tx,
  agent: Agent,
  change: Extract<ScopeChange, { kind: "quota.set" }>,
  audit: { orgId: string; actor: Actor; changeRequestId: string },
): Promise<void> {
  const { metric, window, limit } = change.payload;
  const row = await tx.quota.findUnique({
    where: { agentId_metric_window: { agentId: agent.id, metric, window } },
    select: { id: true, agentId: true, metric: true, window: true, limit: true },
  });
  const currentLimit = row ? Number(row.limit) : null;
  if (currentLimit !== change.before.limit) throw changedMeanwhile(`The ${metric} per ${window} quota`);
  const { orgId, actor, changeRequestId } = audit;
  if (limit === null) {
    if (!row) return;
    await tx.quota.delete({ where: { id: row.id } });
    await writeAuditEvent(tx, {
      orgId,
      actor,
      action: "quota.deleted",
      targetType: "quota",
      targetId: row.id,
      before: quotaAuditSnapshot(row),
      after: { changeRequestId },
    });
    return;
  }
  const quota = row
    ? await tx.quota.update({ where: { id: row.id }, data: { limit: BigInt(limit) }, select: { id: true } })
    : await tx.quota.create({
        data: { orgId, agentId: agent.id, metric, window, limit: BigInt(limit) },
        select: { id: true },
      });
  await writeAuditEvent(tx, {
    orgId,
    actor,
    action: row ? "quota.updated" : "quota.created",
    targetType: "quota",
    targetId: quota.id,
    before: row ? quotaAuditSnapshot(row) : undefined,
    after: { ...quotaAuditSnapshot({ agentId: agent.id, metric, window, limit }), changeRequestId },
  });
}
