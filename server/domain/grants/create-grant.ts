import { db } from "../../db";
import type { MemberContext } from "../auth/permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { grantToJson } from "../change-requests/change-request-payload";
import { requestSignOffIfNeeded, type PendingSignOff } from "../change-requests/request-sign-off-if-needed";
import { grantWidening } from "../change-requests/scope-widening";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { assertWithinParentGrants } from "./assert-within-parent-grants";
import { grantAuditSnapshot, grantFieldsToData } from "./grant-record";
import { loadChangeableAgent } from "./load-changeable-agent";
import { validateGrantFields, type GrantFields } from "./validate-grant-fields";

/**
 * Add one allowlist entry to an agent. On a production agent a new grant is a widening: it becomes a
 * change request for security (`signOff`, and `id` is then the change request's) instead.
 */
export async function createGrant(
  member: MemberContext,
  input: { agentId: string } & GrantFields,
  now = new Date(),
): Promise<{ id: string; signOff?: PendingSignOff }> {
  const { agentId, ...raw } = input;
  const fields = validateGrantFields(raw, { now, checkExpiryInFuture: true });
  return db.$transaction(async (tx) => {
    const agent = await loadChangeableAgent(tx, member, agentId);
    if (agent.parentId) await assertWithinParentGrants(tx, member.orgId, agent.parentId, fields, now);
    const signOff = await requestSignOffIfNeeded(tx, {
      orgId: member.orgId,
      agent,
      change: { kind: "grant.create", payload: { grant: grantToJson(fields) }, before: null },
      reasons: grantWidening(null, fields),
      requester: { actor: { type: "USER", id: member.userId, label: member.email }, memberId: member.id },
    });
    if (signOff) return { id: signOff.changeRequestId, signOff };
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
