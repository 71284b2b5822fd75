// The runtime API's requests and answers, as the server sends them (see GET /api/openapi.json).

/** Every reason code of /api/decide. Stable: a code never changes meaning; new ones may be added. */
export const REASON_CODES = [
  "ALLOWED_BY_GRANT",
  "APPROVED",
  "PLAN_APPROVED",
  "APPROVAL_REQUIRED",
  "APPROVAL_PENDING",
  "NO_MATCHING_GRANT",
  "PARAMS_OUT_OF_SCOPE",
  "GRANT_EXPIRED",
  "ENVIRONMENT_MISMATCH",
  "AUTONOMY_OBSERVE_ONLY",
  "QUOTA_EXCEEDED",
  "AGENT_PAUSED",
  "AGENT_DECOMMISSIONED",
  "ENVIRONMENT_FROZEN",
  "ORG_FROZEN",
  "APPROVAL_DENIED",
  "APPROVAL_EXPIRED",
  "APPROVAL_CONSUMED",
  "APPROVAL_ACTION_MISMATCH",
  "APPROVAL_QUEUE_FULL",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Codes of HTTP error answers (`{ error: { code, message } }`). */
export type ErrorCode =
  | "AUTHENTICATION_FAILED"
  | "INVALID_REQUEST"
  | "NON_CANONICAL_RESOURCE"
  | "PAYLOAD_TOO_LARGE"
  | "IDEMPOTENCY_CONFLICT"
  | "RUN_ENDED"
  | "STORE_UNAVAILABLE"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INTERNAL"
  | "AGENT_PAUSED"
  | "AGENT_DECOMMISSIONED"
  | "ENVIRONMENT_FROZEN"
  | "ORG_FROZEN"
  | "ENVIRONMENT_MISMATCH"
  | "AUTONOMY_OBSERVE_ONLY"
  | "APPROVAL_QUEUE_FULL"
  /** POST /api/plans: some steps are outside the agent's grants (see `issues`, one per step). */
  | "PLAN_OUT_OF_SCOPE";

export type DecisionKind = "allow" | "deny" | "require_approval";

export type DecideRequest = {
  runId?: string | null;
  tool: string;
  operation: string;
  resource: string;
  params?: Record<string, unknown>;
  cost?: { spendCents?: number; tokens?: number } | null;
  onBehalfOf?: string | null;
  approvalId?: string | null;
  idempotencyKey?: string | null;
  /** The environment the runtime believes it runs in; when given it must be the agent's. */
  environment?: string | null;
};

export type QuotaState = {
  metric: "calls" | "writes" | "spendCents" | "tokens";
  window: "run" | "hour" | "day";
  used: number;
  limit: number;
};

export type DecideResponse = {
  decision: DecisionKind;
  decisionId: string;
  reason: { code: ReasonCode; message: string };
  grantId: string | null;
  approval: { id: string; expiresAt: string } | null;
  quotas: QuotaState[];
  /** Only on decisions about a step of an approved plan: the plan and the budget after this call. */
  plan?: { id: string; budget: { metric: PlanBudgetMetric; used: number; limit: number }[] };
};

export type PlanBudgetMetric = "calls" | "spendCents" | "tokens";
export type PlanBudget = Partial<Record<PlanBudgetMetric, number>>;

/**
 * One intended action. `resource` may be a glob in the grants' syntax (`repo:acme/*`); leave out
 * `params` to cover any parameters the grants allow, or list them to cover exactly those.
 */
export type PlanStep = {
  tool: string;
  operation: string;
  resource: string;
  params?: Record<string, unknown>;
};

export type SubmitPlanRequest = {
  /** The plan then holds only inside this run. */
  runId?: string | null;
  /** 1 to 50 steps, each within the agent's grants. */
  steps: PlanStep[];
  /** At least one of calls, spendCents and tokens. */
  budget: PlanBudget;
  /** Default 3600, at most 86400. */
  expiresInSeconds?: number;
  /** What the plan is for, shown to the approvers. */
  summary?: string | null;
  /**
   * Retrying with the same key and body answers with the same plan (no second plan or approval);
   * the same key with another body fails with IDEMPOTENCY_CONFLICT (422).
   */
  idempotencyKey?: string | null;
};

export type SubmitPlanResponse = {
  planId: string;
  status: "PENDING";
  expiresAt: string;
  /** Wait for it with `waitForApproval(approval.id)`. */
  approval: { id: string; expiresAt: string };
};

export type PlanStatus = "PENDING" | "APPROVED" | "DENIED" | "EXPIRED" | "CANCELLED" | "EXHAUSTED";

export type PlanState = {
  planId: string;
  status: PlanStatus;
  runId: string | null;
  summary: string | null;
  /** As stored: params follow the tool's redaction rules (secrets read `[redacted]` or as fingerprints). */
  steps: PlanStep[];
  budget: PlanBudget;
  /** For each metric the budget sets, how much has been used. */
  used: PlanBudget;
  expiresAt: string;
  createdAt: string;
  approval: ApprovalState | null;
};

export type RunTriggerKind = "ticket" | "webhook" | "user" | "schedule" | "other";

export type StartRunRequest = {
  trigger?: { kind: RunTriggerKind; ref?: string; url?: string };
  onBehalfOf?: string;
  model?: { provider?: string; name?: string; systemPromptHash?: string; toolSchemaVersion?: string };
};

export type StartRunResponse = { runId: string; status: "running"; startedAt: string };

export type RunEndStatus = "succeeded" | "failed" | "cancelled";
export type EndRunRequest = { status: RunEndStatus; summary?: string };
export type EndRunResponse = { runId: string; status: RunEndStatus; startedAt: string; endedAt: string };

export type SideEffect = {
  /** What was created or changed: `github.pull_request`, `slack.message`, `stripe.refund`. */
  kind: string;
  /** An http(s) link a reviewer can follow. */
  url?: string;
  externalId?: string;
  description?: string;
};

export type OutcomeReport = {
  status: "success" | "error";
  /** SHA-256 (hex) of the result; `resultDigest()` computes it. */
  resultDigest?: string;
  error?: { message: string; code?: string };
  /** At most 50. */
  sideEffects?: SideEffect[];
  /** The result itself, stored after the tool's result redaction rules; leave out to store only the digest. */
  result?: unknown;
};

export type OutcomeResponse = {
  decisionId: string;
  runId: string;
  status: "success" | "error";
  events: { id: string; kind: "OUTCOME" | "SIDE_EFFECT" | "ERROR" }[];
  recordedAt: string;
};

export type ApprovalStatus = "PENDING" | "APPROVED" | "DENIED" | "EXPIRED" | "CANCELLED" | "CONSUMED";

export type ApprovalState = {
  id: string;
  status: ApprovalStatus;
  expiresAt: string;
  decidedAt: string | null;
  requiredApprovers: number;
  /** Approving votes so far. */
  approvals: number;
};

export type TokenResponse = {
  token: string;
  tokenType: "Bearer";
  audience: string;
  expiresIn: number;
  expiresAt: string;
};
