import type { Db } from "../../db";
import { evaluateAgentDrift } from "./evaluate-agent-drift";

/**
 * One pass of the drift job: every active agent with rollups in the last week is checked, each
 * in its own transaction (one agent's failure does not stop the others).
 */
export async function evaluateDrift(
  db: Db,
  now = new Date(),
): Promise<{ agents: number; alertsCreated: number; demoted: number }> {
  const since = new Date(now.getTime() - 7 * 24 * 3_600_000);
  const agents = await db.$queryRaw<{ id: string; org_id: string }[]>`
    SELECT a.id, a.org_id FROM agents a
    WHERE a.status = 'ACTIVE' AND EXISTS (
      SELECT 1 FROM agent_rollups r
      WHERE r.agent_id = a.id AND r.granularity = 'HOUR' AND r.bucket_start >= ${since})`;
  let alertsCreated = 0;
  let demoted = 0;
  for (const agent of agents) {
    try {
      const result = await db.$transaction((tx) => evaluateAgentDrift(tx, agent.org_id, agent.id, now), {
        timeout: 30_000,
      });
      alertsCreated += result.alertsCreated;
      if (result.demoted) demoted++;
    } catch (error) {
      console.error(`[drift] evaluation of agent ${agent.id} failed:`, error);
    }
  }
  return { agents: agents.length, alertsCreated, demoted };
}
