import type { Tx } from "../../db";
import { Prisma, type Agent } from "../../generated/prisma/client";
import { writeAuditEvent } from "../audit/write-audit-event";
import { canManageAgent } from "../auth/permissions";
import { AppError } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import {
  agentNameSchema,
  agentPurposeSchema,
  autonomyAboveParent,
  autonomySchema,
  fieldError,
  parseField,
} from "./agent-fields";
import { assertEligibleOwner } from "./assert-eligible-owner";
import { authorizeIfMember, mayChooseOwner, type ChangeContext } from "./change-context";
import { agentAuditSnapshot } from "./lock-agent-for-change";

export type RegisterAgentInput = {
  name: string;
  purpose?: string;
  /** Default: the member registering it. */
  ownerId?: string;
  environmentId: string;
  autonomy: number;
  parentId?: string | null;
};

/** Register a new agent in an environment, with an owner and an autonomy level. */
export async function registerAgent(tx: Tx, ctx: ChangeContext, input: RegisterAgentInput): Promise<Agent> {
  authorizeIfMember(ctx, "agents:create");
  const name = parseField(agentNameSchema, input.name, "name");
  const purpose = parseField(agentPurposeSchema, input.purpose ?? "", "purpose");
  const autonomy = parseField(autonomySchema, input.autonomy, "autonomy");

  const ownerId = input.ownerId ?? ctx.member?.id;
  if (!ownerId) throw fieldError("INVALID_REQUEST", "ownerId", "Name the member who owns this agent.");
  if (ctx.member && ownerId !== ctx.member.id && !mayChooseOwner(ctx)) {
    throw new AppError(
      "FORBIDDEN",
      "Only an admin can register an agent for someone else. Leave the owner empty to own it yourself.",
    );
  }
  await assertEligibleOwner(tx, ctx.orgId, ownerId);

  const environment = await tx.environment.findFirst({
    where: { id: input.environmentId, orgId: ctx.orgId },
    select: { id: true, name: true },
  });
  if (!environment) throw fieldError("NOT_FOUND", "environmentId", "That environment was not found.");

  const parentId = input.parentId ?? null;
  if (parentId) {
    const parent = await tx.agent.findFirst({ where: { id: parentId, orgId: ctx.orgId } });
    if (!parent) throw fieldError("NOT_FOUND", "parentId", "That parent agent was not found.");
    if (parent.status === "DECOMMISSIONED") {
      throw fieldError(
        "INVALID_REQUEST",
        "parentId",
        `The agent ${parent.name} is decommissioned and cannot have sub-agents.`,
      );
    }
    if (parent.environmentId !== environment.id) {
      throw fieldError(
        "INVALID_REQUEST",
        "parentId",
        `A sub-agent must live in its parent's environment; ${parent.name} is not in ${environment.name}.`,
      );
    }
    // A sub-agent may be granted whatever its parent holds, so attaching one is a change to the
    // parent: otherwise any owner could borrow another team's scopes through a child agent.
    if (ctx.member && !canManageAgent(ctx.member, parent)) {
      throw new AppError(
        "FORBIDDEN",
        `Only the owner of ${parent.name}, an admin or security staff can add sub-agents to it.`,
      );
    }
    if (autonomy > parent.autonomy) throw autonomyAboveParent(parent);
  }

  const taken = await tx.agent.findFirst({ where: { orgId: ctx.orgId, name }, select: { status: true } });
  if (taken) throw nameTaken(name, taken.status === "DECOMMISSIONED");

  let agent: Agent;
  try {
    agent = await tx.agent.create({
      data: { orgId: ctx.orgId, name, purpose, ownerId, environmentId: environment.id, autonomy, parentId },
    });
  } catch (error) {
    // Two registrations of one name at once: the unique index decides, the loser is told why.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw nameTaken(name, false);
    throw error;
  }
  await writeAuditEvent(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: "agent.created",
    targetType: "agent",
    targetId: agent.id,
    after: agentAuditSnapshot(agent),
  });
  await bumpPolicyVersion(tx, ctx.orgId);
  return agent;
}

function nameTaken(name: string, decommissioned: boolean): AppError {
  const message = decommissioned
    ? `The name ${name} belongs to a decommissioned agent, whose history is kept. Choose another name.`
    : `An agent named ${name} already exists in this organization.`;
  return fieldError("ALREADY_EXISTS", "name", message);
}
