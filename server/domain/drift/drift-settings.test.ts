import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { DEFAULT_DRIFT_SETTINGS, parseDriftSettings, readDriftSettings } from "./drift-settings";

describe("drift settings", () => {
  it("fills what is not stored with the defaults", () => {
    expect(readDriftSettings(null)).toEqual(DEFAULT_DRIFT_SETTINGS);
    const partial = readDriftSettings({ autoDemote: true, thresholds: { newTools: 3 } });
    expect(partial.autoDemote).toBe(true);
    expect(partial.thresholds.newTools).toBe(3);
    expect(partial.thresholds.mixDivergence).toBe(DEFAULT_DRIFT_SETTINGS.thresholds.mixDivergence);
  });

  it("falls back to the defaults when what is stored no longer validates", () => {
    expect(readDriftSettings({ baselineDays: -4 })).toEqual(DEFAULT_DRIFT_SETTINGS);
  });

  it("names the wrong field of submitted settings", () => {
    const bad = {
      ...DEFAULT_DRIFT_SETTINGS,
      thresholds: { ...DEFAULT_DRIFT_SETTINGS.thresholds, mixDivergence: 2 },
    };
    let caught: unknown;
    try {
      parseDriftSettings(bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe("INVALID_REQUEST");
    expect((caught as AppError).issues).toEqual([
      { path: "thresholds.mixDivergence", message: "Use a value between 0.01 and 1." },
    ]);
    expect(() => parseDriftSettings({ ...DEFAULT_DRIFT_SETTINGS, currentHours: Number.NaN })).toThrow(
      AppError,
    );
  });
});
