import { db } from "../../db";
import type { MemberContext } from "../auth/permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { canonicalJson } from "../canonical-json";
import { notFound } from "../errors";
import { grantToJson } from "../change-requests/change-request-payload";
import { requestSignOffIfNeeded, type PendingSignOff } from "../change-requests/request-sign-off-if-needed";
import { grantWidening } from "../change-requests/scope-widening";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { assertWithinParentGrants } from "./assert-within-parent-grants";
import { GRANT_ROW_SELECT, grantAuditSnapshot, grantFieldsToData, grantRowToFields } from "./grant-record";
import { loadChangeableAgent } from "./load-changeable-agent";
import { validateGrantFields, type GrantFields } from "./validate-grant-fields";

/**
 * Change some fields of a grant; fields left undefined keep their value. Widening a production
 * agent's grant waits for security (`signOff`); narrowing applies at once.
 */
export async function updateGrant(
  member: MemberContext,
  input: { id: string } & Partial<GrantFields>,
  now = new Date(),
): Promise<{ id: string; signOff?: PendingSignOff }> {
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
    const signOff = await requestSignOffIfNeeded(tx, {
      orgId: member.orgId,
      agent,
      change: {
        kind: "grant.update",
        payload: { grantId: id, grant: grantToJson(fields) },
        before: { grant: grantToJson(before) },
      },
      reasons: grantWidening(before, fields),
      requester: { actor: { type: "USER", id: member.userId, label: member.email }, memberId: member.id },
    });
    if (signOff) return { id, signOff };
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
