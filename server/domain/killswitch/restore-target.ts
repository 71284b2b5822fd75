import type { Tx } from "../../db";
import type { KillSwitch } from "../../generated/prisma/client";
import type { PriorState } from "./kill-switch-fields";

const date = (value: string | null | undefined) => (value ? new Date(value) : null);

function priorOf(killSwitch: KillSwitch): PriorState | null {
  const prior = killSwitch.priorState as PriorState | null;
  return prior && typeof prior === "object" && "kind" in prior ? prior : null;
}

/**
 * Put a switch's target back as it was before the switch. An agent decommissioned meanwhile stays
 * decommissioned; a target that was already paused or frozen before the switch stays so. The
 * token revocation instant is left alone: resuming never makes a revoked token valid again.
 */
export async function restoreTarget(
  tx: Tx,
  orgId: string,
  killSwitch: KillSwitch,
): Promise<{ name: string; description: string }> {
  const prior = priorOf(killSwitch);
  if (killSwitch.scope === "AGENT") {
    const agent = await tx.agent.findFirst({ where: { id: killSwitch.targetId ?? "", orgId } });
    if (!agent)
      return { name: killSwitch.targetId ?? "deleted agent", description: "agent no longer exists" };
    if (agent.status === "DECOMMISSIONED")
      return { name: agent.name, description: "agent stays decommissioned" };
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
    };
  }
  const stayFrozen = prior?.kind === "frozen" && prior.frozen;
  const data = stayFrozen
    ? { frozen: true, frozenReason: prior.frozenReason, frozenAt: date(prior.frozenAt) }
    : { frozen: false, frozenReason: null, frozenAt: null };
  const description = stayFrozen ? "stays frozen, as before the switch" : "unfrozen";
  if (killSwitch.scope === "ENVIRONMENT") {
    const environment = await tx.environment.findFirst({ where: { id: killSwitch.targetId ?? "", orgId } });
    if (!environment)
      return {
        name: killSwitch.targetId ?? "deleted environment",
        description: "environment no longer exists",
      };
    await tx.environment.update({ where: { id: environment.id }, data });
    return { name: environment.name, description: `environment ${description}` };
  }
  const org = await tx.organization.update({ where: { id: orgId }, data });
  return { name: org.name, description: `organization ${description}` };
}
