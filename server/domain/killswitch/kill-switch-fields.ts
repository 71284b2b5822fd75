import { z } from "zod";

// Field rules shared by the console, the tRPC inputs and the command line.

export const KILL_SWITCH_SCOPES = ["AGENT", "ENVIRONMENT", "ORG"] as const;
export type KillSwitchScopeName = (typeof KILL_SWITCH_SCOPES)[number];

export const killSwitchScopeSchema = z.enum(KILL_SWITCH_SCOPES);

export const killSwitchReasonSchema = z
  .string()
  .trim()
  .min(3, "Say why (at least a few words), so responders and auditors understand later.")
  .max(500, "Keep the reason to 500 characters or fewer.");

/** What a switch's target was before it, restored when it is released. */
export type PriorState =
  | { kind: "agent"; status: "ACTIVE" | "PAUSED"; statusReason: string | null; pausedAt: string | null }
  | { kind: "frozen"; frozen: boolean; frozenReason: string | null; frozenAt: string | null };

export const SCOPE_LABELS: Record<KillSwitchScopeName, string> = {
  AGENT: "Pause one agent",
  ENVIRONMENT: "Freeze one environment",
  ORG: "Freeze the whole organization",
};
