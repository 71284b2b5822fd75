import { db } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { notFound } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { authorizeLoosening, operationsUsedByGrants } from "./catalog-loosening";
import { LOOSENING_REFUSED } from "./loosening-refusals";
import { operationAuditSnapshot } from "./operation-record";

/**
 * Remove an operation from the catalog. When agents' grants match it, this takes tools:loosen:
 * anyone with tools:write may add it back, and could do so with a lower effect class.
 */
export async function deleteOperation(member: MemberContext, input: { id: string }): Promise<{ id: string }> {
  authorize(member, "tools:write");
  return db.$transaction(async (tx) => {
    const op = await tx.operation.findFirst({
      where: { id: input.id, orgId: member.orgId },
      select: {
        id: true,
        name: true,
        effect: true,
        description: true,
        inputSchema: true,
        tool: { select: { id: true, name: true } },
      },
    });
    if (!op) throw notFound("The operation");
    if ((await operationsUsedByGrants(tx, member.orgId, op.tool.name, [op.name])).length > 0)
      authorizeLoosening(member, LOOSENING_REFUSED.deleteUsedOperation);
    await tx.operation.delete({ where: { id: op.id } });
    await writeAuditEvent(tx, {
      orgId: member.orgId,
      actor: { type: "USER", id: member.userId, label: member.email },
      action: "operation.deleted",
      targetType: "operation",
      targetId: op.id,
      before: operationAuditSnapshot(op.tool, op),
    });
    await bumpPolicyVersion(tx, member.orgId);
    return { id: op.id };
  });
}
