import type pg from "pg";
import type { Tx } from "../../db";

/** The channel on which running instances hear that an org's policy changed. */
export const POLICY_CHANNEL = "warden_policy";

/**
 * Record that an org's policy (agents, grants, quotas, credentials, switches) changed. Call it
 * inside the transaction of the change: the version bump and the NOTIFY are delivered only if
 * the change commits, and every instance's cache drops the org's snapshot when it hears it or
 * sees a newer version.
 */
export async function bumpPolicyVersion(tx: Tx, orgId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ policy_version: number }[]>`
    UPDATE organizations SET policy_version = policy_version + 1, updated_at = now()
    WHERE id = ${orgId} RETURNING policy_version`;
  const version = rows[0]?.policy_version ?? 0;
  await tx.$executeRaw`SELECT pg_notify(${POLICY_CHANNEL}, ${`${orgId}:${version}`})`;
  return version;
}

/** The same, for the runtime's plain pg transactions (one client between BEGIN and COMMIT). */
export async function bumpPolicyVersionOnClient(client: pg.ClientBase, orgId: string): Promise<number> {
  const rows = await client.query<{ policy_version: number }>(
    `UPDATE organizations SET policy_version = policy_version + 1, updated_at = now()
      WHERE id = $1 RETURNING policy_version`,
    [orgId],
  );
  const version = rows.rows[0]?.policy_version ?? 0;
  await client.query("SELECT pg_notify($1, $2)", [POLICY_CHANNEL, `${orgId}:${version}`]);
  return version;
}
