// The instance of a quota window a moment falls in. The decision API and the console compute
// usage keys with this one function, so what the console shows is what the decision API counts.
export type QuotaWindow = "run" | "hour" | "day";

/**
 * `day` → `YYYY-MM-DD`, `hour` → `YYYY-MM-DDTHH` (both UTC), `run` → the run id.
 * A run window without a run id has no instance: that is a caller error.
 */
export function windowKey(window: QuotaWindow, now: Date, runId?: string | null): string {
  switch (window) {
    case "day":
      return now.toISOString().slice(0, 10);
    case "hour":
      return now.toISOString().slice(0, 13);
    case "run":
      if (!runId) throw new Error("A run quota window needs a run id.");
      return runId;
  }
}
