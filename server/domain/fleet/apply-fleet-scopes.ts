import type { Tx } from "../../db";
import { canonicalJson } from "../canonical-json";
import { grantToJson } from "../change-requests/change-request-payload";
import { grantWidening, quotaWidening } from "../change-requests/scope-widening";
import type { JsonObject } from "../grants/approval-rule";
import {
  GRANT_ROW_SELECT,
  grantAuditSnapshot,
  grantFieldsToData,
  grantRowToFields,
  type GrantRow,
} from "../grants/grant-record";
import type { GrantFields } from "../grants/validate-grant-fields";
import { quotaAuditSnapshot, type QuotaMetric } from "../quotas/quota-record";
import type { QuotaWindow } from "../quotas/window-key";
import { changedFields, type FleetChanges } from "./fleet-changes";
import type { FleetAgent, FleetGrant } from "./fleet-schema";

// A listed agent's grants and quotas become exactly those of the file.
//
// Grants have no name, so they are matched by content: an identical grant is left as it is
// (keeping its id and history); a grant whose operation pattern matches one that remains is
// updated in place; the rest are created or deleted.

export function fleetGrantFields(grant: FleetGrant): GrantFields {
  return {
    operationPattern: grant.operation,
    resourcePatterns: grant.resources,
    paramsSchema: (grant.params ?? null) as JsonObject | null,
    approval: grant.approval as GrantFields["approval"],
    approvers: grant.approvers,
    approvalTtlSeconds: grant.approvalTtlSeconds,
    expiresAt: grant.expiresAt ? new Date(grant.expiresAt) : null,
  };
}

const describeGrant = (fields: GrantFields, agentName: string) =>
  `grant ${fields.operationPattern} on ${fields.resourcePatterns.join(", ")} of ${agentName}`;

export async function applyGrants(
  tx: Tx,
  orgId: string,
  agentId: string,
  agent: FleetAgent,
  changes: FleetChanges,
) {
  const target = { id: agentId, name: agent.name };
  const rows: GrantRow[] = await tx.grant.findMany({
    where: { agentId },
    select: GRANT_ROW_SELECT,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const remaining = rows.map((row) => ({
    row,
    fields: grantRowToFields(row),
    key: canonicalJson(grantRowToFields(row)),
  }));
  const take = (predicate: (candidate: (typeof remaining)[number]) => boolean) => {
    const index = remaining.findIndex(predicate);
    return index < 0 ? undefined : remaining.splice(index, 1)[0];
  };

  const unmatched: GrantFields[] = [];
  for (const declared of agent.grants.map(fleetGrantFields)) {
    if (take((candidate) => candidate.key === canonicalJson(declared))) changes.same();
    else unmatched.push(declared);
  }

  for (const fields of unmatched) {
    const previous = take((candidate) => candidate.fields.operationPattern === fields.operationPattern);
    if (previous) {
      const deferred = await changes.signOff?.defer(
        target,
        {
          kind: "grant.update",
          payload: { grantId: previous.row.id, grant: grantToJson(fields) },
          before: { grant: grantToJson(previous.fields) },
        },
        grantWidening(previous.fields, fields),
      );
      if (deferred) continue;
      await tx.grant.update({ where: { id: previous.row.id }, data: grantFieldsToData(fields) });
      const changed = changedFields(previous.fields, fields);
      await changes.record(
        "updated",
        `${describeGrant(fields, agent.name)}: ${changed.join(", ")}`,
        {
          action: "grant.updated",
          targetType: "grant",
          targetId: previous.row.id,
          before: grantAuditSnapshot(agentId, previous.fields),
          after: grantAuditSnapshot(agentId, fields),
        },
        { policy: true },
      );
      continue;
    }
    const deferred = await changes.signOff?.defer(
      target,
      { kind: "grant.create", payload: { grant: grantToJson(fields) }, before: null },
      grantWidening(null, fields),
    );
    if (deferred) continue;
    const created = await tx.grant.create({
      data: { orgId, agentId, ...grantFieldsToData(fields) },
      select: { id: true },
    });
    await changes.record(
      "created",
      describeGrant(fields, agent.name),
      {
        action: "grant.created",
        targetType: "grant",
        targetId: created.id,
        after: grantAuditSnapshot(agentId, fields),
      },
      { policy: true },
    );
  }

  for (const { row, fields } of remaining) {
    await tx.grant.delete({ where: { id: row.id } });
    await changes.record(
      "deleted",
      describeGrant(fields, agent.name),
      {
        action: "grant.deleted",
        targetType: "grant",
        targetId: row.id,
        before: grantAuditSnapshot(agentId, fields),
      },
      { policy: true },
    );
  }
}

export async function applyQuotas(
  tx: Tx,
  orgId: string,
  agentId: string,
  agent: FleetAgent,
  changes: FleetChanges,
) {
  const rows = await tx.quota.findMany({
    where: { agentId },
    select: { id: true, metric: true, window: true, limit: true },
    orderBy: [{ metric: "asc" }, { window: "asc" }],
  });
  const byKey = new Map(rows.map((row) => [`${row.metric}/${row.window}`, row]));
  const snapshot = (metric: string, window: string, limit: bigint | number) =>
    quotaAuditSnapshot({ agentId, metric, window, limit });
  // Raising or removing a production agent's cap waits for sign-off; the current cap stays.
  const deferred = (metric: QuotaMetric, window: QuotaWindow, before: bigint, limit: number | null) =>
    changes.signOff?.defer(
      { id: agentId, name: agent.name },
      { kind: "quota.set", payload: { metric, window, limit }, before: { limit: Number(before) } },
      quotaWidening(Number(before), limit),
    );

  for (const declared of agent.quotas) {
    const key = `${declared.metric}/${declared.window}`;
    const label = `quota ${declared.metric} per ${declared.window} of ${agent.name}`;
    const row = byKey.get(key);
    byKey.delete(key);
    if (!row) {
      const created = await tx.quota.create({
        data: {
          orgId,
          agentId,
          metric: declared.metric,
          window: declared.window,
          limit: BigInt(declared.limit),
        },
        select: { id: true },
      });
      await changes.record(
        "created",
        `${label}: ${declared.limit}`,
        {
          action: "quota.created",
          targetType: "quota",
          targetId: created.id,
          after: snapshot(declared.metric, declared.window, declared.limit),
        },
        { policy: true },
      );
    } else if (row.limit !== BigInt(declared.limit)) {
      if (await deferred(row.metric, row.window, row.limit, declared.limit)) continue;
      await tx.quota.update({ where: { id: row.id }, data: { limit: BigInt(declared.limit) } });
      await changes.record(
        "updated",
        `${label}: ${row.limit} → ${declared.limit}`,
        {
          action: "quota.updated",
          targetType: "quota",
          targetId: row.id,
          before: snapshot(row.metric, row.window, row.limit),
          after: snapshot(row.metric, row.window, declared.limit),
        },
        { policy: true },
      );
    } else changes.same();
  }

  for (const row of byKey.values()) {
    if (await deferred(row.metric, row.window, row.limit, null)) continue;
    await tx.quota.delete({ where: { id: row.id } });
    await changes.record(
      "deleted",
      `quota ${row.metric} per ${row.window} of ${agent.name}`,
      {
        action: "quota.deleted",
        targetType: "quota",
        targetId: row.id,
        before: snapshot(row.metric, row.window, row.limit),
      },
      { policy: true },
    );
  }
}
