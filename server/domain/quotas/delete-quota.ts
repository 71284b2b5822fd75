import { db } from "../../db";
import type { MemberContext } from "../auth/permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { notFound } from "../errors";
import { loadChangeableAgent } from "../grants/load-changeable-agent";
import { requestSignOffIfNeeded, type PendingSignOff } from "../change-requests/request-sign-off-if-needed";
import { quotaWidening } from "../change-requests/scope-widening";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { quotaAuditSnapshot } from "./quota-record";

/**
 * Remove a cap. Usage counters stay: they are history, and a new cap starts from them. Removing a
 * production agent's cap widens its scope, so it waits for security (`signOff`).
 */
export async function deleteQuota(
  member: MemberContext,
  input: { id: string },
): Promise<{ id: string; signOff?: PendingSignOff }> {
  return db.$transaction(async (tx) => {
    const quota = await tx.quota.findFirst({
      where: { id: input.id, orgId: member.orgId },
      select: { id: true, agentId: true, metric: true, window: true, limit: true },
    });
    if (!quota) throw notFound("The quota");
    const agent = await loadChangeableAgent(tx, member, quota.agentId);
    const before = Number(quota.limit);
    const signOff = await requestSignOffIfNeeded(tx, {
      orgId: member.orgId,
      agent,
      change: {
        kind: "quota.set",
        payload: { metric: quota.metric, window: quota.window, limit: null },
        before: { limit: before },
      },
      reasons: quotaWidening(before, null),
      requester: { actor: { type: "USER", id: member.userId, label: member.email }, memberId: member.id },
    });
    if (signOff) return { id: quota.id, signOff };
    await tx.quota.delete({ where: { id: quota.id } });
    await writeAuditEvent(tx, {
      orgId: member.orgId,
      actor: { type: "USER", id: member.userId, label: member.email },
      action: "quota.deleted",
      targetType: "quota",
      targetId: quota.id,
      before: quotaAuditSnapshot(quota),
    });
    await bumpPolicyVersion(tx, member.orgId);
    return { id: quota.id };
  });
}
