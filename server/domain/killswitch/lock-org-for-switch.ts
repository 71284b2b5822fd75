import type { Tx } from "../../db";
import { notFound } from "../errors";

/**
 * Serialize every kill-switch change of an org (two responders pressing at once get one switch,
 * and an engage never races a release of the same target). The org row is updated by the policy
 * version bump at the end of the transaction anyway, so taking its lock first costs nothing.
 */
export async function lockOrgForSwitch(tx: Tx, orgId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM organizations WHERE id = ${orgId} FOR UPDATE`;
  if (rows.length === 0) throw notFound("This organization");
}
