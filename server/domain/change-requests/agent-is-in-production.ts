import type { Tx } from "../../db";

/** Is the agent in a production environment (where widening its scope needs sign-off)? */
export async function agentIsInProduction(tx: Tx, agentId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ is_production: boolean }[]>`
    SELECT e.is_production FROM agents a JOIN environments e ON e.id = a.environment_id WHERE a.id = ${agentId}`;
  return rows[0]?.is_production ?? false;
}
