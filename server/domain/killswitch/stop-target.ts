import type { Tx } from "../../db";
import { assertNotDecommissioned } from "../agents/lock-agent-for-change";
import { fieldError } from "../agents/agent-fields";
import type { KillSwitchScopeName, PriorState } from "./kill-switch-fields";

type StopInput = { scope: KillSwitchScopeName; targetId: string | null; reason: string; now: Date };

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * The state change of a switch: pause the agent or freeze the environment or org, and refuse
 * every token issued to it until now. Returns what the target was, to restore on release.
 */
export async function stopTarget(
  tx: Tx,
  orgId: string,
  { scope, targetId, reason, now }: StopInput,
): Promise<{ name: string; prior: PriorState }> {
  if (scope === "AGENT") {
    const agent = await tx.agent.findFirst({ where: { id: targetId ?? "", orgId } });
    if (!agent) throw fieldError("NOT_FOUND", "targetId", "This agent was not found.");
    assertNotDecommissioned(agent);
    await tx.agent.update({
      where: { id: agent.id },
      data: {
        status: "PAUSED",
        statusReason: `Kill switch: ${reason}`,
        pausedAt: agent.pausedAt ?? now,
        tokensRevokedBefore: now,
      },
    });
    return {
      name: agent.name,
      prior: {
        kind: "agent",
        status: agent.status === "PAUSED" ? "PAUSED" : "ACTIVE",
        statusReason: agent.statusReason,
        pausedAt: iso(agent.pausedAt),
      },
    };
  }
  const frozen = {
    frozen: true,
    frozenAt: now,
    frozenReason: `Kill switch: ${reason}`,
    tokensRevokedBefore: now,
  };
  if (scope === "ENVIRONMENT") {
    const environment = await tx.environment.findFirst({ where: { id: targetId ?? "", orgId } });
    if (!environment) throw fieldError("NOT_FOUND", "targetId", "This environment was not found.");
    await tx.environment.update({ where: { id: environment.id }, data: frozen });
    return {
      name: environment.name,
      prior: {
        kind: "frozen",
        frozen: environment.frozen,
        frozenReason: environment.frozenReason,
        frozenAt: iso(environment.frozenAt),
      },
    };
  }
  const org = await tx.organization.findUniqueOrThrow({ where: { id: orgId } });
  await tx.organization.update({ where: { id: orgId }, data: frozen });
  return {
    name: org.name,
    prior: {
      kind: "frozen",
      frozen: org.frozen,
      frozenReason: org.frozenReason,
      frozenAt: iso(org.frozenAt),
    },
  };
}
