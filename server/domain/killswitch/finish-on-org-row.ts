import type { Tx } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { bumpPolicyVersion } from "../policy/bump-policy-version";

/**
 * The last step of a switch change, after its audit event: an org switch's change to the org's
 * frozen state, then the policy version bump. Both write the organization row, which every change
 * of an org locks last (see lock-switches-of-org.ts). The bump's NOTIFY goes out on commit, so
 * that the decision API of every instance refuses (or allows again) at once.
 */
export async function finishOnOrgRow(
  tx: Tx,
  orgId: string,
  orgUpdate: Prisma.OrganizationUpdateInput | null,
): Promise<void> {
  if (orgUpdate) await tx.organization.update({ where: { id: orgId }, data: orgUpdate });
  await bumpPolicyVersion(tx, orgId);
}
