import type { DbOrTx } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";
import { notFound } from "../errors";
import { GRANT_DEFAULTS, QUOTA_METRICS, QUOTA_WINDOWS } from "../fleet/fleet-schema";
import { orderSchemaKeys, renderFleetYaml } from "../fleet/render-fleet-yaml";
import { GRANT_ROW_SELECT, grantRowToFields } from "../grants/grant-record";

/**
 * The agent's current grants and quotas as a draft (fleet-file YAML), the starting point of a
 * what-if: replaying it unchanged changes nothing.
 */
export async function getCurrentDraft(db: DbOrTx, member: MemberContext, input: { agentId: string }) {
  authorize(member, "org:read");
  const agent = await db.agent.findFirst({
    where: { id: input.agentId, orgId: member.orgId },
    select: {
      id: true,
      name: true,
      autonomy: true,
      grants: { select: GRANT_ROW_SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      quotas: { select: { metric: true, window: true, limit: true } },
    },
  });
  if (!agent) throw notFound("This agent");
  const grants = agent.grants.map((row) => {
    const fields = grantRowToFields(row);
    return {
      operation: fields.operationPattern,
      resources: fields.resourcePatterns,
      ...(fields.paramsSchema ? { params: orderSchemaKeys(fields.paramsSchema) } : {}),
      approval:
        typeof fields.approval === "object"
          ? { when: orderSchemaKeys(fields.approval.when) }
          : fields.approval,
      ...(fields.approvers !== GRANT_DEFAULTS.approvers ? { approvers: fields.approvers } : {}),
      ...(fields.approvalTtlSeconds !== GRANT_DEFAULTS.approvalTtlSeconds
        ? { approvalTtlSeconds: fields.approvalTtlSeconds }
        : {}),
      ...(fields.expiresAt ? { expiresAt: fields.expiresAt.toISOString() } : {}),
    };
  });
  const quotas = agent.quotas
    .map((q) => ({ metric: q.metric, window: q.window, limit: Number(q.limit) }))
    .sort(
      (a, b) =>
        QUOTA_METRICS.indexOf(a.metric) - QUOTA_METRICS.indexOf(b.metric) ||
        QUOTA_WINDOWS.indexOf(a.window) - QUOTA_WINDOWS.indexOf(b.window),
    );
  const text = renderFleetYaml({ grants, quotas }, [
    `What-if draft for the agent "${agent.name}": its grants and quotas as they are now.`,
    "Edit them (same format as in a fleet file) and replay; nothing is applied.",
  ]);
  return { agent: { id: agent.id, name: agent.name, autonomy: agent.autonomy }, text };
}
