import type { Tx } from "../../db";

/**
 * Serialize every kill-switch change of an org (two responders pressing at once get one switch,
 * and an engage never races a release of the same target), with a lock only switches take.
 *
 * Lock order. A change of an org locks the rows it changes (an agent, an approval), then the
 * org's audit chain head (its audit event), then the organization row (the policy version bump).
 * A switch keeps that order after this lock: the target agent or environment, the approvals and
 * plans it cancels, the chain head, and the organization row last (an org switch freezes it only
 * after its audit event). This used to lock the organization row, first: a switch then held it
 * while waiting for the chain head, which a concurrent change (a grant created, an agent paused)
 * held while waiting for the row, and Postgres aborted one of the two with a deadlock. Taking
 * the chain head first instead would deadlock with a change of the switch's own target or of one
 * of its approvals, which lock those rows before the head. Nothing else takes this lock, and a
 * switch takes it before any other, so it cannot close a cycle.
 */
export async function lockSwitchesOfOrg(tx: Tx, orgId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`warden:killswitch:${orgId}`}, 0))`;
}
