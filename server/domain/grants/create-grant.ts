import { db } from "../../db";
import type { MemberContext } from "../auth/permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { assertWithinParentGrants } from "./assert-within-parent-grants";
import { grantAuditSnapshot, grantFieldsToData } from "./grant-record";
import { loadChangeableAgent } from "./load-changeable-agent";
import { validateGrantFields, type GrantFields } from "./validate-grant-fields";

/** Add one allowlist entry to an agent. */
export async function createGrant(
  member: MemberContext,
  input: { agentId: string } & GrantFields,
  now = new Date(),
): Promise<{ id: string }> {
  const { agentId, ...raw } = input;
  const fields = validateGrantFields(raw, { now, checkExpiryInFuture: true });
  return db.$transaction(async (tx) => {
    const agent = await loadChangeableAgent(tx, member, agentId);
    if (agent.parentId) await assertWithinParentGrants(tx, member.orgId, agent.parentId, fields, now);
    const grant = await tx.grant.create({
      data: { orgId: member.orgId, agentId: agent.id, createdById: member.id, ...grantFieldsToData(fields) },
      select: { id: true },
    });
    await writeAuditEvent(tx, {
      orgId: member.orgId,
      actor: { type: "USER", id: member.userId, label: member.email },
      action: "grant.created",
      targetType: "grant",
      targetId: grant.id,
      after: grantAuditSnapshot(agent.id, fields),
    });
    await bumpPolicyVersion(tx, member.orgId);
    return { id: grant.id };
  });
}
