import { db } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { notFound } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { authorizeLoosening, operationsUsedByGrants } from "./catalog-loosening";
import { LOOSENING_REFUSED } from "./loosening-refusals";

/**
 * Remove a tool and its operations. Grants naming it stay (they are patterns); they simply match
 * nothing in the catalog until the tool returns. Its redaction rules go with it. So when grants
 * match one of its operations, or it has redaction rules, this takes tools:loosen: the tool could
 * return with lower effect classes and without its rules.
 */
export async function deleteTool(member: MemberContext, input: { id: string }): Promise<{ id: string }> {
  authorize(member, "tools:write");
  return db.$transaction(async (tx) => {
    // Locked so that no redaction rule or operation is added while the checks below look.
    await tx.$queryRaw`SELECT id FROM tools WHERE id = ${input.id} AND org_id = ${member.orgId} FOR UPDATE`;
    const tool = await tx.tool.findFirst({
      where: { id: input.id, orgId: member.orgId },
      select: {
        id: true,
        name: true,
        description: true,
        source: true,
        operations: { select: { name: true, effect: true } },
      },
    });
    if (!tool) throw notFound("The tool");
    const used = await operationsUsedByGrants(
      tx,
      member.orgId,
      tool.name,
      tool.operations.map((op) => op.name),
    );
    if (used.length > 0) authorizeLoosening(member, LOOSENING_REFUSED.deleteUsedTool);
    if ((await tx.redactionRule.count({ where: { toolId: tool.id } })) > 0)
      authorizeLoosening(member, LOOSENING_REFUSED.deleteToolWithRedaction);
    await tx.tool.delete({ where: { id: tool.id } });
    await writeAuditEvent(tx, {
      orgId: member.orgId,
      actor: { type: "USER", id: member.userId, label: member.email },
      action: "tool.deleted",
      targetType: "tool",
      targetId: tool.id,
      before: tool,
    });
    await bumpPolicyVersion(tx, member.orgId);
    return { id: tool.id };
  });
}
