export type RetryPolicy = {
  /** Delivery attempts before a delivery is given up (FAILED). */
  maxAttempts: number;
  /** Delay before the second attempt; it doubles after each failure, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 5_000,
  maxDelayMs: 15 * 60_000,
};

/**
 * When to try again after `attempts` failed attempts (1 = the first failed): exponential with
 * up to 20 % jitter, so receivers that come back are not hit by every sender at the same instant.
 * null once the attempts are used up.
 */
export function nextRetryDelayMs(attempts: number, policy: RetryPolicy, random = Math.random): number | null {
  if (attempts >= policy.maxAttempts) return null;
  const exponential = Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
  return Math.round(exponential * (1 + 0.2 * random()));
}
