import type { Tx } from "../../db";
import type { Agent } from "../../generated/prisma/client";
import { changeAgentStatus, PAUSE } from "./change-agent-status";
import type { ChangeContext } from "./change-context";

/** Stop an active agent from acting (every decision becomes AGENT_PAUSED) until it is resumed. */
export function pauseAgent(
  tx: Tx,
  ctx: ChangeContext,
  input: { id: string; reason: string },
): Promise<Agent> {
  return changeAgentStatus(tx, ctx, input, PAUSE);
}
