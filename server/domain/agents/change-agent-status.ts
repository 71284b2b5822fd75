import type { Tx } from "../../db";
import type { Agent } from "../../generated/prisma/client";
import { writeAuditEvent } from "../audit/write-audit-event";
import { AppError } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { parseField, reasonSchema } from "./agent-fields";
import type { ChangeContext } from "./change-context";
import { agentAuditSnapshot, lockAgentForChange } from "./lock-agent-for-change";

type Transition = {
  from: "ACTIVE" | "PAUSED";
  to: "ACTIVE" | "PAUSED";
  action: "agent.paused" | "agent.resumed";
  /** Why the transition is refused when the agent is not in `from`. */
  refusal: (name: string) => string;
};

export const PAUSE: Transition = {
  from: "ACTIVE",
  to: "PAUSED",
  action: "agent.paused",
  refusal: (name) => `The agent ${name} is already paused.`,
};

export const RESUME: Transition = {
  from: "PAUSED",
  to: "ACTIVE",
  action: "agent.resumed",
  refusal: (name) => `The agent ${name} is not paused, so there is nothing to resume.`,
};

/** Pause or resume: the only status changes that can be undone. */
export async function changeAgentStatus(
  tx: Tx,
  ctx: ChangeContext,
  input: { id: string; reason: string },
  transition: Transition,
): Promise<Agent> {
  const reason = parseField(reasonSchema, input.reason, "reason");
  const agent = await lockAgentForChange(tx, ctx, input.id);
  if (agent.status !== transition.from)
    throw new AppError("PRECONDITION_FAILED", transition.refusal(agent.name));
  if (transition.to === "ACTIVE") {
    // A kill switch is released on the kill switch page, with its own reason and record; a plain
    // resume must not quietly undo it while the switch still reads as engaged.
    const engaged = await tx.killSwitch.findFirst({
      where: { orgId: ctx.orgId, scope: "AGENT", targetId: agent.id, releasedAt: null },
      select: { id: true },
    });
    if (engaged) {
      throw new AppError(
        "PRECONDITION_FAILED",
        `The agent ${agent.name} was stopped by a kill switch. Release the switch on the Kill switch page to resume it.`,
      );
    }
  }

  const updated = await tx.agent.update({
    where: { id: agent.id },
    data: {
      status: transition.to,
      statusReason: reason,
      pausedAt: transition.to === "PAUSED" ? new Date() : null,
    },
  });
  await writeAuditEvent(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: transition.action,
    targetType: "agent",
    targetId: agent.id,
    before: agentAuditSnapshot(agent),
    after: agentAuditSnapshot(updated),
  });
  // The decision API refuses a paused agent; its cache must hear of it at once.
  await bumpPolicyVersion(tx, ctx.orgId);
  return updated;
}
