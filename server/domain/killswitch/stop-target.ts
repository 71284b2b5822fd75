import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { assertNotDecommissioned } from "../agents/lock-agent-for-change";
import { fieldError } from "../agents/agent-fields";
import type { KillSwitchScopeName, PriorState } from "./kill-switch-fields";

type StopInput = { scope: KillSwitchScopeName; targetId: string | null; reason: string; now: Date };

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export type StoppedTarget = {
  name: string;
  prior: PriorState;
  /** An org switch's change to the organization row, which the caller writes last (see lock-switches-of-org.ts). */
  orgUpdate: Prisma.OrganizationUpdateInput | null;
};

/**
 * The state change of a switch: pause the agent or freeze the environment, or say how to freeze
 * the org; and refuse every token issued to it until now. Returns what the target was, to
 * restore on release. The agent's or environment's row is locked before it is read, so that a
 * decommission or an edit of the target runs before or after the switch, never across it; FOR NO
 * KEY UPDATE is what the update takes anyway, and unlike FOR UPDATE it does not hold up the rows
 * being written that refer to the agent (runs, approvals: their foreign keys take KEY SHARE locks).
 */
export async function stopTarget(
  tx: Tx,
  orgId: string,
  { scope, targetId, reason, now }: StopInput,
): Promise<StoppedTarget> {
  if (scope === "AGENT") {
    await tx.$queryRaw`
      SELECT id FROM agents WHERE id = ${targetId ?? ""} AND org_id = ${orgId} FOR NO KEY UPDATE`;
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
      orgUpdate: null,
    };
  }
  const frozen = {
    frozen: true,
    frozenAt: now,
    frozenReason: `Kill switch: ${reason}`,
    tokensRevokedBefore: now,
  };
  if (scope === "ENVIRONMENT") {
    await tx.$queryRaw`
      SELECT id FROM environments WHERE id = ${targetId ?? ""} AND org_id = ${orgId} FOR NO KEY UPDATE`;
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
      orgUpdate: null,
    };
  }
  // Only switches change the org's frozen state, and they run one at a time: a plain read is enough.
  const org = await tx.organization.findUniqueOrThrow({ where: { id: orgId } });
  return {
    name: org.name,
    prior: {
      kind: "frozen",
      frozen: org.frozen,
      frozenReason: org.frozenReason,
      frozenAt: iso(org.frozenAt),
    },
    orgUpdate: frozen,
  };
}
