// The catalog and the redaction rules are org-wide: every agent's decisions read them. Anyone
// with tools:write may add to them and make them stricter; a change that loosens them (fewer
// approvals, fewer writes charged, secrets stored in clear) takes tools:loosen (ADMIN, SECURITY).
import type { Tx } from "../../db";
import { can, type MemberContext } from "../auth/permissions";
import { AppError } from "../errors";
import { operationMatches } from "../grants/patterns";
import type { LOOSENING_REFUSED } from "./loosening-refusals";

/** Refuse, with `why`, a loosening change by a member without tools:loosen. */
export function authorizeLoosening(
  member: Pick<MemberContext, "roles">,
  why: (typeof LOOSENING_REFUSED)[keyof typeof LOOSENING_REFUSED],
): void {
  if (!can(member, "tools:loosen")) throw new AppError("FORBIDDEN", why);
}

/**
 * The operations of `tool` (by name) that at least one grant of the org matches. Every grant
 * counts, expired or not (an expiry can be extended), whatever its agent's state.
 */
export async function operationsUsedByGrants(
  tx: Tx,
  orgId: string,
  tool: string,
  operations: readonly string[],
): Promise<string[]> {
  if (operations.length === 0) return [];
  const grants = await tx.grant.findMany({
    where: { orgId },
    distinct: ["operationPattern"],
    select: { operationPattern: true },
  });
  return operations.filter((operation) =>
    grants.some((grant) => operationMatches(grant.operationPattern, tool, operation)),
  );
}
