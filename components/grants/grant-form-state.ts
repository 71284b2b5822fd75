// The grant form's state and its translation to the grants.create / grants.update input.
import { parseJsonObject, toEditableJson, type JsonObject } from "@/components/ui/json-editor";
import type { Grant } from "./types";

export type ApprovalMode = "never" | "always" | "when";
export type ExpiryChoice = "keep" | "never" | "1h" | "8h" | "24h" | "3d" | "7d" | "30d" | "custom";

export const EXPIRY_CHOICES: { value: Exclude<ExpiryChoice, "keep">; label: string; seconds?: number }[] = [
  { value: "never", label: "Never — a standing grant" },
  { value: "1h", label: "In 1 hour", seconds: 3600 },
  { value: "8h", label: "In 8 hours", seconds: 8 * 3600 },
  { value: "24h", label: "In 24 hours", seconds: 86_400 },
  { value: "3d", label: "In 3 days", seconds: 3 * 86_400 },
  { value: "7d", label: "In 7 days", seconds: 7 * 86_400 },
  { value: "30d", label: "In 30 days", seconds: 30 * 86_400 },
  { value: "custom", label: "At a date and time…" },
];

export const APPROVAL_TTL_CHOICES = [
  { seconds: 60, label: "1 minute" },
  { seconds: 300, label: "5 minutes" },
  { seconds: 600, label: "10 minutes (default)" },
  { seconds: 1800, label: "30 minutes" },
  { seconds: 3600, label: "1 hour" },
  { seconds: 4 * 3600, label: "4 hours" },
  { seconds: 86_400, label: "24 hours" },
];

export type GrantFormState = {
  operationPattern: string;
  resourcesText: string;
  paramsText: string;
  approvalMode: ApprovalMode;
  whenText: string;
  approvers: number;
  approvalTtlSeconds: number;
  expiry: ExpiryChoice;
  customExpiry: string;
};

export function initialGrantState(grant: Grant | null): GrantFormState {
  if (!grant) {
    return {
      operationPattern: "",
      resourcesText: "",
      paramsText: "",
      approvalMode: "never",
      whenText: "",
      approvers: 1,
      approvalTtlSeconds: 600,
      expiry: "never",
      customExpiry: "",
    };
  }
  return {
    operationPattern: grant.operationPattern,
    resourcesText: grant.resourcePatterns.join("\n"),
    paramsText: toEditableJson(grant.paramsSchema),
    approvalMode: typeof grant.approval === "object" ? "when" : grant.approval,
    whenText: typeof grant.approval === "object" ? toEditableJson(grant.approval.when) : "",
    approvers: grant.approvers,
    approvalTtlSeconds: grant.approvalTtlSeconds,
    expiry: grant.expiresAt ? "keep" : "never",
    customExpiry: "",
  };
}

export function resourceLines(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Local problems that block saving (the server re-validates everything). */
export function localProblems(state: GrantFormState): Record<string, string> {
  const problems: Record<string, string> = {};
  const resources = resourceLines(state.resourcesText);
  if (resources.length === 0)
    problems.resourcePatterns =
      "Add at least one resource pattern, e.g. repo:acme/web or ** for any resource.";
  else if (resources.length > 20)
    problems.resourcePatterns = "A grant can list at most 20 resource patterns.";
  else if (resources.some((r) => /\s/.test(r)))
    problems.resourcePatterns = "A resource pattern cannot contain spaces.";
  const params = parseJsonObject(state.paramsText);
  if (params.state === "invalid") problems.paramsSchema = params.message;
  if (state.approvalMode === "when") {
    const when = parseJsonObject(state.whenText);
    if (when.state === "empty")
      problems.approval = "Give the JSON Schema that, when the parameters match it, requires approval.";
    if (when.state === "invalid") problems.approval = when.message;
  }
  if (state.expiry === "custom") {
    const date = new Date(state.customExpiry);
    if (!state.customExpiry || Number.isNaN(date.getTime()))
      problems.expiresAt = "Pick the date and time the grant ends.";
    else if (date.getTime() <= Date.now()) problems.expiresAt = "The expiry must be in the future.";
  }
  return problems;
}

function expiresAtOf(state: GrantFormState): Date | null | undefined {
  if (state.expiry === "keep") return undefined;
  if (state.expiry === "never") return null;
  if (state.expiry === "custom") return new Date(state.customExpiry);
  const seconds = EXPIRY_CHOICES.find((c) => c.value === state.expiry)?.seconds ?? 0;
  return new Date(Date.now() + seconds * 1000);
}

export function toGrantInput(state: GrantFormState) {
  const params = parseJsonObject(state.paramsText);
  const when = parseJsonObject(state.whenText);
  const approval: "never" | "always" | { when: JsonObject } =
    state.approvalMode === "when" ? { when: when.value ?? {} } : state.approvalMode;
  const expiresAt = expiresAtOf(state);
  return {
    operationPattern: state.operationPattern.trim(),
    resourcePatterns: resourceLines(state.resourcesText),
    paramsSchema: params.value,
    approval,
    approvers: state.approvers,
    approvalTtlSeconds: state.approvalTtlSeconds,
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  };
}

/** The first server problem whose path starts with `prefix` (`resourcePatterns.2` → resources). */
export function errorAt(errors: Record<string, string>, prefix: string): string | undefined {
  const key = Object.keys(errors).find((k) => k === prefix || k.startsWith(`${prefix}.`));
  return key ? errors[key] : undefined;
}
