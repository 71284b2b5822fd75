import type { DriftSettings } from "./drift-settings";

export type DriftWindows = {
  baselineStart: Date;
  currentStart: Date;
  end: Date;
};

const HOUR = 3_600_000;

/**
 * Windows on hour boundaries (what hourly rollups can answer exactly): the current window is the
 * last `currentHours` hours including the hour in progress; the baseline is the `baselineDays`
 * before it.
 */
export function driftWindows(
  settings: Pick<DriftSettings, "baselineDays" | "currentHours">,
  now: Date,
): DriftWindows {
  const end = new Date(Math.floor(now.getTime() / HOUR) * HOUR + HOUR);
  const currentStart = new Date(end.getTime() - settings.currentHours * HOUR);
  const baselineStart = new Date(currentStart.getTime() - settings.baselineDays * 24 * HOUR);
  return { baselineStart, currentStart, end };
}
