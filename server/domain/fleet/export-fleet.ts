import { fleetRedaction } from "../redaction/apply-fleet-redaction";
import type { DbOrTx } from "../../db";
import { notFound } from "../errors";
import { GRANT_ROW_SELECT, grantRowToFields } from "../grants/grant-record";
import type { GrantFields } from "../grants/validate-grant-fields";
import { canonicalJson } from "../canonical-json";
import { normalizeRoles } from "./apply-fleet-org";
import { AGENT_DEFAULTS, GRANT_DEFAULTS, QUOTA_METRICS, QUOTA_WINDOWS } from "./fleet-schema";
import { orderSchemaKeys, renderFleetYaml } from "./render-fleet-yaml";

// An org as a fleet file. Deterministic: everything is sorted by name (grants by their
// content), so exporting twice gives the same bytes, and applying an export to an empty
// database and exporting again gives the same bytes too. A field is left out only when it
// holds the value that applying the file without it would set, so applying an export back to
// its own org changes nothing.
//
// Not exported: decommissioned agents (their history stays in the database), state that the
// kill switch and incidents own (paused agents, frozen environments), credentials and
// passwords and drift settings. Tools' redaction rules are exported when a tool has some.

export async function exportFleet(db: DbOrTx, orgSlug: string): Promise<string> {
  const org = await db.organization.findUnique({
    where: { slug: orgSlug },
    select: {
      id: true,
      slug: true,
      name: true,
      environments: { select: { name: true, isProduction: true }, orderBy: { name: "asc" } },
      members: { select: { roles: true, user: { select: { email: true, name: true } } } },
      tools: {
        select: {
          name: true,
          description: true,
          operations: {
            select: { name: true, effect: true, description: true, inputSchema: true },
            orderBy: { name: "asc" },
          },
          redactionRules: { select: { part: true, mode: true, paths: true } },
        },
        orderBy: { name: "asc" },
      },
      agents: {
        where: { status: { not: "DECOMMISSIONED" } },
        select: {
          name: true,
          purpose: true,
          autonomy: true,
          maxPendingApprovals: true,
          owner: { select: { user: { select: { email: true } } } },
          environment: { select: { name: true } },
          parent: { select: { name: true, status: true } },
          grants: { select: GRANT_ROW_SELECT },
          quotas: { select: { metric: true, window: true, limit: true } },
        },
        orderBy: { name: "asc" },
      },
    },
  });
  if (!org) throw notFound(`The org "${orgSlug}"`);

  const members = org.members
    .map((member) => ({
      email: member.user.email.toLowerCase(),
      name: member.user.name,
      roles: normalizeRoles(member.roles),
    }))
    .sort((a, b) => compare(a.email, b.email));

  const tools = org.tools.map((tool) => ({
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    operations: tool.operations.map((operation) => ({
      name: operation.name,
      effect: operation.effect,
      ...(operation.description ? { description: operation.description } : {}),
      ...(operation.inputSchema !== null ? { inputSchema: orderSchemaKeys(operation.inputSchema) } : {}),
    })),
    ...(tool.redactionRules.length ? { redaction: fleetRedaction(tool.redactionRules) } : {}),
  }));

  const agents = org.agents.map((agent) => ({
    name: agent.name,
    ...(agent.purpose ? { purpose: agent.purpose } : {}),
    owner: agent.owner.user.email.toLowerCase(),
    environment: agent.environment.name,
    autonomy: agent.autonomy,
    // A decommissioned parent is not exported, so the link cannot be written either.
    ...(agent.parent && agent.parent.status !== "DECOMMISSIONED" ? { parent: agent.parent.name } : {}),
    ...(agent.maxPendingApprovals !== AGENT_DEFAULTS.maxPendingApprovals
      ? { maxPendingApprovals: agent.maxPendingApprovals }
      : {}),
    grants: agent.grants
      .map((row) => grantToFile(grantRowToFields(row)))
      .sort((a, b) => compare(a.operation, b.operation) || compare(canonicalJson(a), canonicalJson(b))),
    quotas: agent.quotas
      .map((quota) => ({ metric: quota.metric, window: quota.window, limit: Number(quota.limit) }))
      .sort(
        (a, b) =>
          QUOTA_METRICS.indexOf(a.metric) - QUOTA_METRICS.indexOf(b.metric) ||
          QUOTA_WINDOWS.indexOf(a.window) - QUOTA_WINDOWS.indexOf(b.window),
      ),
  }));

  return renderFleetYaml(
    {
      org: org.slug,
      orgName: org.name,
      environments: org.environments.map((environment) => ({
        name: environment.name,
        production: environment.isProduction,
      })),
      members,
      tools,
      agents,
    },
    [
      `Warden fleet file of the org "${org.slug}", written by \`warden export\`.`,
      "Apply it with `warden apply <file>`.",
    ],
  );
}

function grantToFile(fields: GrantFields) {
  const approval =
    typeof fields.approval === "object" ? { when: orderSchemaKeys(fields.approval.when) } : fields.approval;
  return {
    operation: fields.operationPattern,
    resources: fields.resourcePatterns,
    ...(fields.paramsSchema ? { params: orderSchemaKeys(fields.paramsSchema) } : {}),
    approval,
    ...(fields.approvers !== GRANT_DEFAULTS.approvers ? { approvers: fields.approvers } : {}),
    ...(fields.approvalTtlSeconds !== GRANT_DEFAULTS.approvalTtlSeconds
      ? { approvalTtlSeconds: fields.approvalTtlSeconds }
      : {}),
    ...(fields.expiresAt ? { expiresAt: fields.expiresAt.toISOString() } : {}),
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
