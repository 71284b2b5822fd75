import type { Tx } from "../../db";
import type { KillSwitch, Prisma } from "../../generated/prisma/client";
import type { PriorState } from "./kill-switch-fields";

const date = (value: string | null | undefined) => (value ? new Date(value) : null);

function priorOf(killSwitch: KillSwitch): PriorState | null {
  const prior = killSwitch.priorState as PriorState | null;
  return prior && typeof prior === "object" && "kind" in prior ? prior : null;
}

export type RestoredTarget = {
  name: string;
  description: string;
  /** An org switch's change to the organization row, which the caller writes last (see lock-switches-of-org.ts). */
  orgUpdate: Prisma.OrganizationUpdateInput | null;
};

/**
 * Put a switch's target back as it was before the switch (an agent's or environment's row is
 * locked first, as in stopTarget; the org's is left to the caller). An agent
 * decommissioned meanwhile stays decommissioned; a target that was already paused or frozen
 * before the switch stays so. The token revocation instant is left alone: resuming never makes
 * a revoked token valid again.
 */
export async function restoreTarget(tx: Tx, orgId: string, killSwitch: KillSwitch): Promise<RestoredTarget> {
  const prior = priorOf(killSwitch);
  const targetId = killSwitch.targetId ?? "";
  if (killSwitch.scope === "AGENT") {
    await tx.$queryRaw`
      SELECT id FROM agents WHERE id = ${targetId} AND org_id = ${orgId} FOR NO KEY UPDATE`;
    const agent = await tx.agent.findFirst({ where: { id: targetId, orgId } });
    if (!agent)
      return { name: targetId || "deleted agent", description: "agent no longer exists", orgUpdate: null };
    if (agent.status === "DECOMMISSIONED")
      return { name: agent.name, description: "agent stays decommissioned", orgUpdate: null };
    const stayPaused = prior?.kind === "agent" && prior.status === "PAUSED";
    await tx.agent.update({
      where: { id: agent.id },
      data: stayPaused
        ? { status: "PAUSED", statusReason: prior.statusReason, pausedAt: date(prior.pausedAt) }
        : { status: "ACTIVE", statusReason: null, pausedAt: null },
    });
    return {
      name: agent.name,
      description: stayPaused ? "agent stays paused, as before the switch" : "agent active",
      orgUpdate: null,
    };
  }
  const stayFrozen = prior?.kind === "frozen" && prior.frozen;
  const data = stayFrozen
    ? { frozen: true, frozenReason: prior.frozenReason, frozenAt: date(prior.frozenAt) }
    : { frozen: false, frozenReason: null, frozenAt: null };
  const description = stayFrozen ? "stays frozen, as before the switch" : "unfrozen";
  if (killSwitch.scope === "ENVIRONMENT") {
    await tx.$queryRaw`
      SELECT id FROM environments WHERE id = ${targetId} AND org_id = ${orgId} FOR NO KEY UPDATE`;
    const environment = await tx.environment.findFirst({ where: { id: targetId, orgId } });
    if (!environment)
      return {
        name: targetId || "deleted environment",
        description: "environment no longer exists",
        orgUpdate: null,
      };
    await tx.environment.update({ where: { id: environment.id }, data });
    return { name: environment.name, description: `environment ${description}`, orgUpdate: null };
  }
  const org = await tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { name: true } });
  return { name: org.name, description: `organization ${description}`, orgUpdate: data };
}
