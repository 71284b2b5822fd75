import { db } from "../../db";
import type { MemberContext } from "../auth/permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { canonicalJson } from "../canonical-json";
import { notFound } from "../errors";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { assertWithinParentGrants } from "./assert-within-parent-grants";
import { GRANT_ROW_SELECT, grantAuditSnapshot, grantFieldsToData, grantRowToFields } from "./grant-record";
import { loadChangeableAgent } from "./load-changeable-agent";
import { validateGrantFields, type GrantFields } from "./validate-grant-fields";

/** Change some fields of a grant; fields left undefined keep their value. */
export async function updateGrant(
  member: MemberContext,
  input: { id: string } & Partial<GrantFields>,
  now = new Date(),
): Promise<{ id: string }> {
  const { id, ...patch } = input;
  return db.$transaction(async (tx) => {
    const row = await tx.grant.findFirst({ where: { id, orgId: member.orgId }, select: GRANT_ROW_SELECT });
    if (!row) throw notFound("The grant");
    const agent = await loadChangeableAgent(tx, member, row.agentId);
    const before = grantRowToFields(row);
    const merged: GrantFields = { ...before };
    for (const key of Object.keys(patch) as (keyof GrantFields)[]) {
      if (patch[key] !== undefined) Object.assign(merged, { [key]: patch[key] });
    }
    const fields = validateGrantFields(merged, {
      now,
      // Only a newly set expiry must lie ahead; an untouched one may already have passed.
      checkExpiryInFuture: patch.expiresAt !== undefined,
    });
    if (canonicalJson(fields) === canonicalJson(before)) return { id };
    if (agent.parentId) await assertWithinParentGrants(tx, member.orgId, agent.parentId, fields, now);
    await tx.grant.update({ where: { id }, data: grantFieldsToData(fields) });
    await writeAuditEvent(tx, {
      orgId: member.orgId,
      actor: { type: "USER", id: member.userId, label: member.email },
      action: "grant.updated",
      targetType: "grant",
      targetId: id,
      before: grantAuditSnapshot(agent.id, before),
      after: grantAuditSnapshot(agent.id, fields),
    });
    await bumpPolicyVersion(tx, member.orgId);
    return { id };
  });
}
