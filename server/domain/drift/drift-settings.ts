import { z } from "zod";
import { AppError } from "../errors";

export const DRIFT_METRICS = [
  "mixDivergence",
  "denyRateChange",
  "approvalRateChange",
  "callsPerRunRatio",
  "spendVelocityRatio",
  "newTools",
  "newResources",
] as const;
export type DriftMetric = (typeof DRIFT_METRICS)[number];

export const DEFAULT_THRESHOLDS: Record<DriftMetric, number> = {
  mixDivergence: 0.2,
  denyRateChange: 0.15,
  approvalRateChange: 0.15,
  callsPerRunRatio: 2,
  spendVelocityRatio: 3,
  newTools: 1,
  newResources: 10,
};

const thresholdSchema = z.object({
  mixDivergence: z
    .number()
    .min(0.01, "Use a value between 0.01 and 1.")
    .max(1, "Use a value between 0.01 and 1."),
  denyRateChange: z.number().min(0.01, "Use at least 0.01 (1 point).").max(1, "Use at most 1 (100 points)."),
  approvalRateChange: z
    .number()
    .min(0.01, "Use at least 0.01 (1 point).")
    .max(1, "Use at most 1 (100 points)."),
  callsPerRunRatio: z
    .number()
    .min(1.1, "Use a ratio of at least 1.1.")
    .max(1000, "Use a ratio of at most 1000."),
  spendVelocityRatio: z
    .number()
    .min(1.1, "Use a ratio of at least 1.1.")
    .max(1000, "Use a ratio of at most 1000."),
  newTools: z.number().int("Use a whole number.").min(1, "Use at least 1.").max(1000, "Use at most 1000."),
  newResources: z
    .number()
    .int("Use a whole number.")
    .min(1, "Use at least 1.")
    .max(100000, "Use at most 100000."),
});

export const driftSettingsSchema = z.object({
  /** The window the agent is compared against, ending where the current window starts. */
  baselineDays: z
    .number()
    .int("Use a whole number of days.")
    .min(1, "Use at least 1 day.")
    .max(90, "Use at most 90 days."),
  /** The recent behaviour under scrutiny. */
  currentHours: z
    .number()
    .int("Use a whole number of hours.")
    .min(1, "Use at least 1 hour.")
    .max(168, "Use at most 168 hours."),
  /** Below this many calls in the current window, no alert fires (too little to judge). */
  minCalls: z
    .number()
    .int("Use a whole number.")
    .min(1, "Use at least 1.")
    .max(1_000_000, "Use at most 1,000,000."),
  thresholds: thresholdSchema,
  /** Demote the agent's autonomy by one level when an alert fires. */
  autoDemote: z.boolean(),
});
export type DriftSettings = z.infer<typeof driftSettingsSchema>;

export const DEFAULT_DRIFT_SETTINGS: DriftSettings = {
  baselineDays: 7,
  currentHours: 24,
  minCalls: 20,
  thresholds: DEFAULT_THRESHOLDS,
  autoDemote: false,
};

/** The stored settings merged over the defaults; a stored value that no longer validates is ignored. */
export function readDriftSettings(stored: unknown): DriftSettings {
  const raw = (stored && typeof stored === "object" ? stored : {}) as Partial<DriftSettings>;
  const merged = {
    ...DEFAULT_DRIFT_SETTINGS,
    ...raw,
    thresholds: { ...DEFAULT_THRESHOLDS, ...(raw.thresholds ?? {}) },
  };
  const parsed = driftSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_DRIFT_SETTINGS;
}

/** Validates settings submitted by a person, naming the first field that is wrong. */
export function parseDriftSettings(input: unknown): DriftSettings {
  const parsed = driftSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.join("."),
      message: issue.message,
    }));
    throw new AppError("INVALID_REQUEST", issues[0]?.message ?? "These drift settings are not valid.", {
      issues,
    });
  }
  return parsed.data;
}
