import { describe, expect, it } from "vitest";
import { computeDriftMetrics, type WindowFigures } from "./drift-metrics";
import { DEFAULT_DRIFT_SETTINGS } from "./drift-settings";
import { driftWindows } from "./drift-windows";

const window = (over: Partial<WindowFigures>): WindowFigures => ({
  hours: 24,
  calls: 100,
  denies: 0,
  approvalsRequired: 0,
  runs: 10,
  spendCents: 0,
  byOperation: { "slack:chat.postMessage": 100 },
  ...over,
});

const byMetric = (results: ReturnType<typeof computeDriftMetrics>) =>
  Object.fromEntries(results.map((r) => [r.metric, r]));

describe("computeDriftMetrics", () => {
  it("reports nothing unusual when the current window looks like the baseline", () => {
    const baseline = window({
      hours: 168,
      calls: 700,
      runs: 70,
      spendCents: 700,
      byOperation: { a: 350, b: 350 },
    });
    const current = window({ calls: 100, runs: 10, spendCents: 100, byOperation: { a: 50, b: 50 } });
    const m = byMetric(computeDriftMetrics(baseline, current, [], DEFAULT_DRIFT_SETTINGS));
    expect(Object.values(m).filter((r) => r.breached)).toEqual([]);
    expect(m.mixDivergence!.value).toBeCloseTo(0, 9);
    expect(m.callsPerRunRatio!.value).toBeCloseTo(1, 9);
    expect(m.spendVelocityRatio!.value).toBeCloseTo(1, 9);
  });

  it("computes each metric from the two windows", () => {
    const baseline = window({
      hours: 168,
      calls: 1000,
      denies: 50,
      approvalsRequired: 100,
      runs: 100,
      spendCents: 1680,
      byOperation: { a: 1000 },
    });
    const current = window({
      hours: 24,
      calls: 200,
      denies: 60,
      approvalsRequired: 20,
      runs: 10,
      spendCents: 960,
      byOperation: { a: 100, b: 60, c: 40 },
    });
    const m = byMetric(computeDriftMetrics(baseline, current, ["r1", "r2"], DEFAULT_DRIFT_SETTINGS));
    expect(m.denyRateChange!.value).toBeCloseTo(0.3 - 0.05, 12);
    expect(m.denyRateChange!.breached).toBe(true);
    expect(m.approvalRateChange!.value).toBeCloseTo(0.1 - 0.1, 12);
    expect(m.approvalRateChange!.breached).toBe(false);
    expect(m.callsPerRunRatio!.value).toBeCloseTo(20 / 10, 12);
    expect(m.callsPerRunRatio!.breached).toBe(true); // threshold 2: reaching it counts
    expect(m.spendVelocityRatio!.value).toBeCloseTo(40 / 10, 12);
    expect(m.newTools!.value).toBe(2);
    expect(m.newTools!.items).toEqual(["b", "c"]);
    expect(m.newResources!.value).toBe(2);
    expect(m.newResources!.breached).toBe(false);
    expect(m.mixDivergence!.value).toBeGreaterThan(0.2);
    for (const r of Object.values(m)) expect(r.explanation).toMatch(/^[A-Z].*\.$/);
  });

  it("stays quiet below the minimum number of calls", () => {
    const baseline = window({ byOperation: { a: 100 } });
    const current = window({ calls: 5, denies: 5, byOperation: { b: 5 } });
    const results = computeDriftMetrics(baseline, current, [], { ...DEFAULT_DRIFT_SETTINGS, minCalls: 20 });
    expect(results.some((r) => r.breached)).toBe(false);
    expect(byMetric(results).denyRateChange!.value).toBeCloseTo(1, 12);
  });

  it("has nothing to compare against for an agent without a baseline", () => {
    const results = computeDriftMetrics(
      window({ calls: 0, runs: 0, byOperation: {} }),
      window({}),
      ["r"],
      DEFAULT_DRIFT_SETTINGS,
    );
    expect(results.every((r) => r.value === null && !r.breached)).toBe(true);
  });

  it("honours per-agent thresholds", () => {
    const baseline = window({ calls: 100, denies: 0 });
    const current = window({ calls: 100, denies: 10 });
    const strict = {
      ...DEFAULT_DRIFT_SETTINGS,
      thresholds: { ...DEFAULT_DRIFT_SETTINGS.thresholds, denyRateChange: 0.05 },
    };
    expect(
      byMetric(computeDriftMetrics(baseline, current, [], DEFAULT_DRIFT_SETTINGS)).denyRateChange!.breached,
    ).toBe(false);
    expect(byMetric(computeDriftMetrics(baseline, current, [], strict)).denyRateChange!.breached).toBe(true);
  });
});

describe("driftWindows", () => {
  it("ends after the hour in progress and stacks the baseline before the current window", () => {
    const w = driftWindows({ baselineDays: 7, currentHours: 24 }, new Date("2026-11-22T10:17:00Z"));
    expect(w.end.toISOString()).toBe("2026-11-22T11:00:00.000Z");
    expect(w.currentStart.toISOString()).toBe("2026-11-21T11:00:00.000Z");
    expect(w.baselineStart.toISOString()).toBe("2026-11-14T11:00:00.000Z");
  });
});

describe("spend velocity", () => {
  it("treats spending from a baseline of nothing as a very large, finite ratio", () => {
    const baseline = window({ hours: 168, spendCents: 0 });
    const current = window({ hours: 24, spendCents: 2400 });
    const m = byMetric(computeDriftMetrics(baseline, current, [], DEFAULT_DRIFT_SETTINGS));
    expect(m.spendVelocityRatio!.value).toBeCloseTo(100 / (1 / 168), 6);
    expect(m.spendVelocityRatio!.breached).toBe(true);
    const idle = byMetric(
      computeDriftMetrics(baseline, window({ spendCents: 0 }), [], DEFAULT_DRIFT_SETTINGS),
    );
    expect(idle.spendVelocityRatio!.value).toBeNull();
  });
});
