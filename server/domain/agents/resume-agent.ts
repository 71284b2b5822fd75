import type { Tx } from "../../db";
import type { Agent } from "../../generated/prisma/client";
import { changeAgentStatus, RESUME } from "./change-agent-status";
import type { ChangeContext } from "./change-context";

/** Let a paused agent act again. */
export function resumeAgent(
  tx: Tx,
  ctx: ChangeContext,
  input: { id: string; reason: string },
): Promise<Agent> {
  return changeAgentStatus(tx, ctx, input, RESUME);
}
