import { db } from "../../db";
import type { MemberContext } from "../auth/permissions";
import { writeAuditEvent } from "../audit/write-audit-event";
import { AppError } from "../errors";
import { loadChangeableAgent } from "../grants/load-changeable-agent";
import { requestSignOffIfNeeded, type PendingSignOff } from "../change-requests/request-sign-off-if-needed";
import { quotaWidening } from "../change-requests/scope-widening";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { isUniqueViolation } from "../tools/is-unique-violation";
import { MAX_QUOTA_LIMIT, quotaAuditSnapshot, type QuotaMetric } from "./quota-record";
import type { QuotaWindow } from "./window-key";

export type UpsertQuotaInput = { agentId: string; metric: QuotaMetric; window: QuotaWindow; limit: number };

/**
 * Set the cap for one metric and window of an agent (there is at most one per pair). Raising a
 * production agent's cap waits for security (`signOff`); adding or lowering one applies at once.
 */
export async function upsertQuota(
  member: MemberContext,
  input: UpsertQuotaInput,
): Promise<{ id: string; signOff?: PendingSignOff }> {
  if (!Number.isInteger(input.limit) || input.limit < 0 || input.limit > MAX_QUOTA_LIMIT) {
    const message = "The limit must be a whole number from 0 to 1,000,000,000,000.";
    throw new AppError("INVALID_REQUEST", message, { issues: [{ path: "limit", message }] });
  }
  try {
    return await db.$transaction(async (tx) => {
      const agent = await loadChangeableAgent(tx, member, input.agentId);
      const existing = await tx.quota.findUnique({
        where: { agentId_metric_window: { agentId: agent.id, metric: input.metric, window: input.window } },
        select: { id: true, agentId: true, metric: true, window: true, limit: true },
      });
      const limit = BigInt(input.limit);
      if (existing && existing.limit === limit) return { id: existing.id };
      const before = existing ? Number(existing.limit) : null;
      const signOff = await requestSignOffIfNeeded(tx, {
        orgId: member.orgId,
        agent,
        change: {
          kind: "quota.set",
          payload: { metric: input.metric, window: input.window, limit: input.limit },
          before: { limit: before },
        },
        reasons: quotaWidening(before, input.limit),
        requester: { actor: { type: "USER", id: member.userId, label: member.email }, memberId: member.id },
      });
      if (signOff && existing) return { id: existing.id, signOff };
      const quota = existing
        ? await tx.quota.update({ where: { id: existing.id }, data: { limit }, select: { id: true } })
        : await tx.quota.create({
            data: {
              orgId: member.orgId,
              agentId: agent.id,
              metric: input.metric,
              window: input.window,
              limit,
            },
            select: { id: true },
          });
      await writeAuditEvent(tx, {
        orgId: member.orgId,
        actor: { type: "USER", id: member.userId, label: member.email },
        action: existing ? "quota.updated" : "quota.created",
        targetType: "quota",
        targetId: quota.id,
        before: existing ? quotaAuditSnapshot(existing) : undefined,
        after: quotaAuditSnapshot({ agentId: agent.id, metric: input.metric, window: input.window, limit }),
      });
      await bumpPolicyVersion(tx, member.orgId);
      return { id: quota.id };
    });
  } catch (error) {
    // Two people creating the same quota at once: one wins, the other is told to retry.
    if (isUniqueViolation(error)) {
      throw new AppError(
        "CONFLICT",
        "This quota was changed at the same moment by someone else. Please try again.",
      );
    }
    throw error;
  }
}
