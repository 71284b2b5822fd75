import type { Tx } from "../../db";
import type { FieldIssue } from "../errors";
import type { FleetDocument } from "./fleet-schema";

/**
 * The rules the console keeps for members, checked on the org as the file leaves it (inside
 * the apply's transaction, so a breach rolls everything back): the org keeps an admin, and
 * every agent in service keeps an owner who may own agents.
 */
export async function checkFleetOutcome(tx: Tx, orgId: string, doc: FleetDocument): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const admins = await tx.member.count({ where: { orgId, roles: { has: "ADMIN" } } });
  if (admins === 0) {
    issues.push({
      path: "members",
      message: "must give at least one member the ADMIN role, or nobody can manage the org",
    });
  }

  const orphaned = await tx.agent.findMany({
    where: {
      orgId,
      status: { not: "DECOMMISSIONED" },
      owner: { NOT: { roles: { hasSome: ["OWNER", "ADMIN"] } } },
    },
    select: { name: true, owner: { select: { user: { select: { email: true } } } } },
    orderBy: { name: "asc" },
  });
  for (const agent of orphaned) {
    const email = agent.owner.user.email.toLowerCase();
    const memberIndex = doc.members.findIndex((member) => member.email === email);
    const agentIndex = doc.agents.findIndex((declared) => declared.name === agent.name);
    const path =
      memberIndex >= 0
        ? `members[${memberIndex}].roles`
        : agentIndex >= 0
          ? `agents[${agentIndex}].owner`
          : "members";
    issues.push({
      path,
      message: `${email} still owns the agent ${agent.name}, so they must keep the OWNER or ADMIN role (or hand the agent to another owner)`,
    });
  }
  return issues;
}
