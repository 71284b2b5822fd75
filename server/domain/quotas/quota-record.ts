export const QUOTA_METRICS = ["calls", "writes", "spendCents", "tokens"] as const;
export type QuotaMetric = (typeof QUOTA_METRICS)[number];
export const QUOTA_WINDOWS = ["run", "hour", "day"] as const;
export const MAX_QUOTA_LIMIT = 1e12;

/** What the audit trail keeps of a quota; agentId lets an agent's history find it. */
export function quotaAuditSnapshot(quota: {
  agentId: string;
  metric: string;
  window: string;
  limit: bigint | number;
}) {
  return { agentId: quota.agentId, metric: quota.metric, window: quota.window, limit: Number(quota.limit) };
}
