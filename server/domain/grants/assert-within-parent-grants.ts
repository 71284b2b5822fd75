import type { Tx } from "../../db";
import { AppError } from "../errors";
import { findCoveringGrant } from "./grant-coverage";
import { GRANT_ROW_SELECT, grantRowToFields } from "./grant-record";
import type { GrantFields } from "./validate-grant-fields";

/**
 * A sub-agent may only hold a subset of its parent's grants: refuse `fields` unless one of the
 * parent's current grants covers it. A decommissioned parent holds nothing any more.
 */
export async function assertWithinParentGrants(
  tx: Tx,
  orgId: string,
  parentId: string,
  fields: GrantFields,
  now: Date,
): Promise<void> {
  const parent = await tx.agent.findFirst({
    where: { id: parentId, orgId },
    select: { name: true, status: true, grants: { select: GRANT_ROW_SELECT, orderBy: { createdAt: "asc" } } },
  });
  const parentGrants =
    parent && parent.status !== "DECOMMISSIONED" ? parent.grants.map(grantRowToFields) : [];
  const result = findCoveringGrant(parentGrants, fields, now);
  if (!result.covered) {
    const name = parent?.name ?? "the parent agent";
    throw new AppError(
      "INVALID_REQUEST",
      `A sub-agent can only hold a subset of its parent's grants: ${result.reason} (parent: ${name}).`,
    );
  }
}
