import type { Tx } from "../../db";
import { writeAuditEvent } from "../audit/write-audit-event";
import { lockAgentForChange } from "../agents/lock-agent-for-change";
import type { ChangeContext } from "../agents/change-context";
import { parseDriftSettings, readDriftSettings, type DriftSettings } from "./drift-settings";

/**
 * Saves an agent's drift windows, thresholds and automatic response. Allowed to the agent's
 * owner, admins and security staff (the agent-change rule), audited with before and after.
 * Not a policy change: /api/decide answers the same until an alert actually demotes the agent.
 */
export async function updateDriftSettings(
  tx: Tx,
  ctx: ChangeContext,
  input: { agentId: string; settings: unknown },
): Promise<DriftSettings> {
  const settings = parseDriftSettings(input.settings);
  const agent = await lockAgentForChange(tx, ctx, input.agentId);
  const before = readDriftSettings(agent.driftSettings);
  await tx.agent.update({ where: { id: agent.id }, data: { driftSettings: settings } });
  await writeAuditEvent(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action: "agent.drift_settings_changed",
    targetType: "agent",
    targetId: agent.id,
    before,
    after: settings,
  });
  return settings;
}
