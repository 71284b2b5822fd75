import { db } from "../../db";
import type { MemberContext } from "../auth/permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { notFound } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { GRANT_ROW_SELECT, grantAuditSnapshot, grantRowToFields } from "./grant-record";
import { loadChangeableAgent } from "./load-changeable-agent";

/** Remove a grant; the agent loses what it allowed at once (policy version bump). */
export async function deleteGrant(member: MemberContext, input: { id: string }): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const row = await tx.grant.findFirst({
      where: { id: input.id, orgId: member.orgId },
      select: GRANT_ROW_SELECT,
    });
    if (!row) throw notFound("The grant");
    const agent = await loadChangeableAgent(tx, member, row.agentId);
    await tx.grant.delete({ where: { id: row.id } });
    await writeAuditEvent(tx, {
      orgId: member.orgId,
      actor: { type: "USER", id: member.userId, label: member.email },
      action: "grant.deleted",
      targetType: "grant",
      targetId: row.id,
      before: grantAuditSnapshot(agent.id, grantRowToFields(row)),
    });
    await bumpPolicyVersion(tx, member.orgId);
    return { id: row.id };
  });
}
