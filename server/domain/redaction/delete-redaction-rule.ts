import { db } from "../../db";
import { writeAuditEvent } from "../audit/write-audit-event";
import { authorize, type MemberContext } from "../auth/permissions";
import { notFound } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { authorizeLoosening } from "../tools/catalog-loosening";
import { LOOSENING_REFUSED } from "../tools/loosening-refusals";

/**
 * Remove a redaction rule: payloads stored from now on keep those paths in clear, for every agent,
 * so it takes tools:loosen (ADMIN, SECURITY). Audited.
 */
export async function deleteRedactionRule(
  member: MemberContext,
  input: { id: string },
): Promise<{ id: string }> {
  authorize(member, "tools:write");
  authorizeLoosening(member, LOOSENING_REFUSED.deleteRedactionRule);
  return db.$transaction(async (tx) => {
    const rule = await tx.redactionRule.findFirst({
      where: { id: input.id, orgId: member.orgId },
      select: {
        id: true,
        toolId: true,
        part: true,
        mode: true,
        paths: true,
        tool: { select: { name: true } },
      },
    });
    if (!rule) throw notFound("The redaction rule");
    await tx.redactionRule.delete({ where: { id: rule.id } });
    await writeAuditEvent(tx, {
      orgId: member.orgId,
      actor: { type: "USER", id: member.userId, label: member.email },
      action: "redaction_rule.deleted",
      targetType: "redaction_rule",
      targetId: rule.id,
      before: {
        tool: rule.tool.name,
        toolId: rule.toolId,
        part: rule.part,
        mode: rule.mode,
        paths: rule.paths,
      },
    });
    await bumpPolicyVersion(tx, member.orgId);
    return { id: rule.id };
  });
}
