import { jensenShannonDivergence, type Counts } from "./js-divergence";
import type { DriftMetric, DriftSettings } from "./drift-settings";

/** What the rollups say about one agent over one window. */
export type WindowFigures = {
  hours: number;
  calls: number;
  denies: number;
  approvalsRequired: number;
  runs: number;
  spendCents: number;
  byOperation: Counts;
};

export type MetricResult = {
  metric: DriftMetric;
  label: string;
  /** One plain sentence: what the number means. */
  explanation: string;
  value: number | null;
  threshold: number;
  baseline: number | null;
  current: number | null;
  breached: boolean;
  /** How to show value, baseline and current. */
  unit: "score" | "points" | "ratio" | "count" | "percent" | "perRun" | "centsPerHour";
  /** Names behind a count (new tools, new resources). */
  items?: string[];
};

export const METRIC_TEXT: Record<DriftMetric, { label: string; explanation: string }> = {
  mixDivergence: {
    label: "Tool mix change",
    explanation:
      "How differently the agent spreads its calls across tools and operations now compared with its baseline, from 0 (same mix) to 1 (nothing in common).",
  },
  denyRateChange: {
    label: "Deny rate change",
    explanation: "How many percentage points more of the agent's calls are refused now than in its baseline.",
  },
  approvalRateChange: {
    label: "Approval rate change",
    explanation:
      "How many percentage points more of the agent's calls need a human's approval now than in its baseline.",
  },
  callsPerRunRatio: {
    label: "Calls per run",
    explanation:
      "How many times more tool calls the agent makes in each run now than it did in its baseline.",
  },
  spendVelocityRatio: {
    label: "Spend velocity",
    explanation: "How many times faster the agent spends money per hour now than it did in its baseline.",
  },
  newTools: {
    label: "New tools",
    explanation:
      "Tools and operations the agent called in the current window that it never called in its baseline.",
  },
  newResources: {
    label: "New resources",
    explanation:
      "Resources (repositories, channels, accounts…) the agent touched for the first time ever in the current window.",
  },
};

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
const ratio = (current: number | null, baseline: number | null) =>
  current === null || baseline === null || baseline <= 0 ? null : current / baseline;

/**
 * Spend per hour now against the baseline's. Spending where the baseline spent nothing is the
 * strongest signal of all, so the baseline then counts as one cent over its whole window (a
 * finite, very large ratio) rather than as "nothing to compare".
 */
function spendRatio(baseline: WindowFigures, current: WindowFigures): number | null {
  if (baseline.calls === 0 || current.hours <= 0 || baseline.hours <= 0) return null;
  const now = current.spendCents / current.hours;
  const before = Math.max(baseline.spendCents, now > 0 ? 1 : 0) / baseline.hours;
  return before > 0 ? now / before : null;
}

/**
 * Compares the current window with the baseline. A metric is breached when its value reaches
 * the threshold; nothing is breached while the current window has fewer than `minCalls` calls,
 * or (for rates and ratios) when the baseline has no activity to compare against.
 */
export function computeDriftMetrics(
  baseline: WindowFigures,
  current: WindowFigures,
  newResources: string[],
  settings: DriftSettings,
): MetricResult[] {
  const enough = current.calls >= settings.minCalls;
  const t = settings.thresholds;
  const newTools = Object.keys(current.byOperation)
    .filter((op) => (current.byOperation[op] ?? 0) > 0 && !(baseline.byOperation[op] ?? 0))
    .sort();
  const baseDeny = rate(baseline.denies, baseline.calls);
  const curDeny = rate(current.denies, current.calls);
  const baseApproval = rate(baseline.approvalsRequired, baseline.calls);
  const curApproval = rate(current.approvalsRequired, current.calls);
  const basePerRun = rate(baseline.calls, baseline.runs);
  const curPerRun = rate(current.calls, current.runs);
  const baseSpend = rate(baseline.spendCents, baseline.hours);
  const curSpend = rate(current.spendCents, current.hours);
  const hasBaseline = baseline.calls > 0;

  const results: Omit<MetricResult, "label" | "explanation" | "breached">[] = [
    {
      metric: "mixDivergence",
      value: hasBaseline ? jensenShannonDivergence(baseline.byOperation, current.byOperation) : null,
      threshold: t.mixDivergence,
      baseline: null,
      current: null,
      unit: "score",
    },
    {
      metric: "denyRateChange",
      value: diff(curDeny, baseDeny),
      threshold: t.denyRateChange,
      baseline: baseDeny,
      current: curDeny,
      unit: "points",
    },
    {
      metric: "approvalRateChange",
      value: diff(curApproval, baseApproval),
      threshold: t.approvalRateChange,
      baseline: baseApproval,
      current: curApproval,
      unit: "points",
    },
    {
      metric: "callsPerRunRatio",
      value: ratio(curPerRun, basePerRun),
      threshold: t.callsPerRunRatio,
      baseline: basePerRun,
      current: curPerRun,
      unit: "ratio",
    },
    {
      metric: "spendVelocityRatio",
      value: spendRatio(baseline, current),
      threshold: t.spendVelocityRatio,
      baseline: baseSpend,
      current: curSpend,
      unit: "ratio",
    },
    {
      metric: "newTools",
      value: hasBaseline ? newTools.length : null,
      threshold: t.newTools,
      baseline: null,
      current: null,
      unit: "count",
      items: newTools,
    },
    {
      metric: "newResources",
      value: hasBaseline ? newResources.length : null,
      threshold: t.newResources,
      baseline: null,
      current: null,
      unit: "count",
      items: newResources.slice(0, 50),
    },
  ];
  return results.map((r) => ({
    ...r,
    ...METRIC_TEXT[r.metric],
    breached: enough && r.value !== null && r.value >= r.threshold,
  }));
}
