import type { Tx } from "../../db";
import type { Agent } from "../../generated/prisma/client";
import { agentAuditSnapshot } from "../agents/lock-agent-for-change";
import { autonomyWidening } from "../change-requests/scope-widening";
import type { FieldIssue } from "../errors";
import { applyGrants, applyQuotas } from "./apply-fleet-scopes";
import { changedFields, type FleetChanges } from "./fleet-changes";
import type { FleetAgent, FleetDocument } from "./fleet-schema";

// Agents as a fleet file declares them. Agents the file does not list are left alone (the file
// never decommissions anything); a listed agent gets exactly the grants and quotas listed.

/** The problems a file has only in the light of what the database already holds. */
export async function checkAgentsAgainstDatabase(
  tx: Tx,
  orgId: string | null,
  doc: FleetDocument,
): Promise<FieldIssue[]> {
  const rows = orgId
    ? await tx.agent.findMany({
        where: { orgId, name: { in: doc.agents.map((agent) => agent.name) } },
        select: {
          name: true,
          status: true,
          environment: { select: { name: true } },
          owner: { select: { user: { select: { email: true } } } },
        },
      })
    : [];
  const byName = new Map(rows.map((row) => [row.name, row]));
  const rolesByEmail = new Map(doc.members.map((member) => [member.email, member.roles]));
  const issues: FieldIssue[] = [];
  doc.agents.forEach((agent, index) => {
    const row = byName.get(agent.name);
    if (row?.status === "DECOMMISSIONED") {
      issues.push({
        path: `agents[${index}].name`,
        message: `${agent.name} was decommissioned; its name stays with its history. Choose another name.`,
      });
      return;
    }
    if (row && row.environment.name !== agent.environment) {
      issues.push({
        path: `agents[${index}].environment`,
        message: `${agent.name} lives in ${row.environment.name} and cannot move to another environment; register a new agent there instead`,
      });
    }
    // The same rule as the console: whoever is made owner must be able to manage agents.
    const ownerChanges = !row || row.owner.user.email.toLowerCase() !== agent.owner;
    const roles = rolesByEmail.get(agent.owner) ?? [];
    if (ownerChanges && !roles.some((role) => role === "OWNER" || role === "ADMIN")) {
      issues.push({
        path: `agents[${index}].owner`,
        message: `${agent.owner} must hold the OWNER or ADMIN role to own an agent`,
      });
    }
  });
  return issues;
}

export async function applyAgents(
  tx: Tx,
  orgId: string,
  doc: FleetDocument,
  ids: { environments: Map<string, string>; members: Map<string, string> },
  changes: FleetChanges,
): Promise<void> {
  const rows = await tx.agent.findMany({
    where: { orgId, name: { in: doc.agents.map((agent) => agent.name) } },
  });
  const existing = new Map(rows.map((row) => [row.name, row]));
  const agentIds = new Map<string, string>();

  for (const declared of parentsFirst(doc.agents)) {
    const fields = {
      purpose: declared.purpose ?? "",
      autonomy: declared.autonomy,
      ownerId: ids.members.get(declared.owner)!,
      parentId: declared.parent ? agentIds.get(declared.parent)! : null,
      maxPendingApprovals: declared.maxPendingApprovals,
    };
    const row = existing.get(declared.name);
    let agent: Agent;
    if (!row) {
      agent = await tx.agent.create({
        data: {
          orgId,
          name: declared.name,
          environmentId: ids.environments.get(declared.environment)!,
          ...fields,
        },
      });
      await changes.record(
        "created",
        `agent ${declared.name} (${declared.environment}, autonomy ${declared.autonomy})`,
        { action: "agent.created", targetType: "agent", targetId: agent.id, after: snapshot(agent) },
        { policy: true },
      );
    } else {
      // A higher autonomy of a production agent waits for sign-off; the agent keeps its level.
      const raise = autonomyWidening(row.autonomy, fields.autonomy);
      if (
        changes.signOff &&
        (await changes.signOff.defer(
          row,
          {
            kind: "agent.autonomy",
            payload: { autonomy: fields.autonomy },
            before: { autonomy: row.autonomy },
          },
          raise,
        ))
      ) {
        fields.autonomy = row.autonomy;
      }
      const changed = changedFields(
        {
          purpose: row.purpose,
          autonomy: row.autonomy,
          ownerId: row.ownerId,
          parentId: row.parentId,
          maxPendingApprovals: row.maxPendingApprovals,
        },
        fields,
      );
      if (changed.length === 0) {
        agent = row;
        changes.same();
      } else {
        agent = await tx.agent.update({ where: { id: row.id }, data: fields });
        const detail = changed.map((key) =>
          key === "autonomy" ? `autonomy ${row.autonomy} → ${agent.autonomy}` : key,
        );
        await changes.record(
          "updated",
          `agent ${declared.name}: ${detail.join(", ")}`,
          {
            action: "agent.updated",
            targetType: "agent",
            targetId: agent.id,
            before: snapshot(row),
            after: snapshot(agent),
          },
          { policy: true },
        );
      }
    }
    agentIds.set(declared.name, agent.id);
    await applyGrants(tx, orgId, agent.id, declared, changes);
    await applyQuotas(tx, orgId, agent.id, declared, changes);
  }
}

function snapshot(agent: Agent) {
  return { ...agentAuditSnapshot(agent), maxPendingApprovals: agent.maxPendingApprovals };
}

/** Agents ordered so that each parent comes before its sub-agents (the file has no loops). */
function parentsFirst(agents: readonly FleetAgent[]): FleetAgent[] {
  const byName = new Map(agents.map((agent) => [agent.name, agent]));
  const ordered: FleetAgent[] = [];
  const placed = new Set<string>();
  const place = (agent: FleetAgent) => {
    if (placed.has(agent.name)) return;
    placed.add(agent.name);
    const parent = agent.parent ? byName.get(agent.parent) : undefined;
    if (parent) place(parent);
    ordered.push(agent);
  };
  agents.forEach(place);
  return ordered;
}
