import { db } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { notFound } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";

/**
 * Remove a tool and its operations. Grants naming it stay (they are patterns); they simply match
 * nothing in the catalog until the tool returns.
 */
export async function deleteTool(member: MemberContext, input: { id: string }): Promise<{ id: string }> {
  authorize(member, "tools:write");
  return db.$transaction(async (tx) => {
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
