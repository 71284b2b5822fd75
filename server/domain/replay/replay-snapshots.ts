import type { DbOrTx } from "../../db";
import { approvalRuleToColumns } from "../grants/approval-rule";
import { fleetGrantFields } from "../fleet/apply-fleet-scopes";
import { buildPolicySnapshot, type PolicyRows } from "../policy/build-policy-snapshot";
import type { PolicySnapshot } from "../policy/policy-snapshot";
import type { ReplayDraft } from "./replay-draft";

/**
 * The org's policy as the decision API would load it now, twice: as it is ("before") and with one
 * agent's grants and quotas replaced by the draft ("after"). Kill switches (paused agents, frozen
 * environments or org) are lifted in both: a what-if is about grants and quotas, and a paused
 * agent would otherwise answer AGENT_PAUSED to everything, hiding what the draft changes.
 */
export async function buildReplaySnapshots(
  db: DbOrTx,
  orgId: string,
  agentId: string,
  draft: ReplayDraft,
): Promise<{ before: PolicySnapshot; after: PolicySnapshot }> {
  const [org, environments, agents, grants, quotas, operations] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { id: true, policyVersion: true } }),
    db.environment.findMany({ where: { orgId }, select: { id: true, name: true } }),
    db.agent.findMany({
      where: { orgId },
      select: {
        id: true,
        name: true,
        environmentId: true,
        autonomy: true,
        parentId: true,
        maxPendingApprovals: true,
      },
    }),
    db.grant.findMany({
      where: { orgId },
      select: {
        id: true,
        agentId: true,
        operationPattern: true,
        resourcePatterns: true,
        paramsSchema: true,
        approvalMode: true,
        approvalWhen: true,
        approvers: true,
        approvalTtlSeconds: true,
        expiresAt: true,
      },
    }),
    db.quota.findMany({
      where: { orgId },
      select: { id: true, agentId: true, metric: true, window: true, limit: true },
    }),
    db.operation.findMany({
      where: { orgId },
      select: { name: true, effect: true, tool: { select: { name: true } } },
    }),
  ]);
  const rows: PolicyRows = {
    org: { id: org.id, frozen: false, policyVersion: org.policyVersion },
    environments: environments.map((e) => ({ ...e, frozen: false })),
    agents: agents.map((a) => ({ ...a, status: "ACTIVE" as const })),
    grants,
    quotas: quotas.map((q) => ({ ...q, limit: q.limit.toString() })),
    operations: operations.map((o) => ({ tool: o.tool.name, operation: o.name, effect: o.effect })),
    credentials: [],
  };
  const draftRows: PolicyRows = {
    ...rows,
    grants: [
      ...rows.grants.filter((g) => g.agentId !== agentId),
      ...draft.grants.map((grant, i) => {
        const fields = fleetGrantFields(grant);
        return {
          // Ids that sort in the draft's order, so the grant a decision names is predictable.
          id: `draft_${String(i).padStart(4, "0")}`,
          agentId,
          operationPattern: fields.operationPattern,
          resourcePatterns: fields.resourcePatterns,
          paramsSchema: fields.paramsSchema,
          ...approvalRuleToColumns(fields.approval),
          approvers: fields.approvers,
          approvalTtlSeconds: fields.approvalTtlSeconds,
          expiresAt: fields.expiresAt,
        };
      }),
    ],
    quotas: [
      ...rows.quotas.filter((q) => q.agentId !== agentId),
      ...draft.quotas.map((quota, i) => ({ id: `draft_quota_${i}`, agentId, ...quota })),
    ],
  };
  return { before: buildPolicySnapshot(rows), after: buildPolicySnapshot(draftRows) };
}
