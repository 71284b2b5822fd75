import { describe, expect, it } from "vitest";
import { nextRetryDelayMs } from "./retry-backoff";

const policy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 6_000 };

describe("nextRetryDelayMs", () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 6_000],
  ])("after %i failed attempts waits %i ms (no jitter)", (attempts, delay) => {
    expect(nextRetryDelayMs(attempts, policy, () => 0)).toBe(delay);
  });

  it("adds at most 20 % jitter", () => {
    expect(nextRetryDelayMs(2, policy, () => 1)).toBe(2_400);
  });

  it("gives up once the attempts are used", () => {
    expect(nextRetryDelayMs(5, policy)).toBeNull();
    expect(nextRetryDelayMs(9, policy)).toBeNull();
  });
});
