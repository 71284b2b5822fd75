// What the decision API knows about one org, held in memory per process: the org and its
// environments, agents with their grants and quotas, the operation catalog and the usable
// credentials. `evaluate` reads only this, so a decision is a pure function of a snapshot (whose
// version is recorded with the decision) and the request.
import type { ValidateFunction } from "ajv";
import type { PayloadRedaction } from "../redaction/payload-redaction";

export type EffectClass = "READ" | "WRITE" | "DELETE" | "SPEND" | "ADMIN";
export type AgentStatus = "ACTIVE" | "PAUSED" | "DECOMMISSIONED";
export type ApprovalMode = "NEVER" | "ALWAYS" | "WHEN";
export type QuotaMetric = "calls" | "writes" | "spendCents" | "tokens";
export type QuotaWindow = "run" | "hour" | "day";

/** A compiled JSON Schema, or `broken` when the stored schema does not compile (fail closed). */
export type CompiledSchema = { validate: ValidateFunction } | { broken: string };

export type GrantPolicy = {
  id: string;
  operationPattern: string;
  resourcePatterns: readonly string[];
  /** null: any parameters. */
  params: CompiledSchema | null;
  approvalMode: ApprovalMode;
  /** With approvalMode WHEN. */
  approvalWhen: CompiledSchema | null;
  approvers: number;
  approvalTtlSeconds: number;
  expiresAt: Date | null;
};

export type QuotaPolicy = {
  id: string;
  metric: QuotaMetric;
  window: QuotaWindow;
  limit: number;
};

/** One step of an approved plan (server/domain/plans): an exact operation, a resource or glob. */
export type PlanStepPolicy = {
  tool: string;
  operation: string;
  /** A canonical resource or a glob in the grants' syntax. */
  resource: string;
  /** SHA-256 of the canonical JSON of the params the step fixes; null: any params the grants allow. */
  paramsDigest: string | null;
};

/** An approved, unexpired plan: it stands in for the approvals its steps would need. */
export type PlanPolicy = {
  id: string;
  /** The plan holds only inside this run (null: any run, or none). */
  runId: string | null;
  steps: readonly PlanStepPolicy[];
  budget: { calls?: number; spendCents?: number; tokens?: number };
  expiresAt: Date;
};

export type AgentPolicy = {
  id: string;
  name: string;
  environmentId: string;
  autonomy: number;
  status: AgentStatus;
  parentId: string | null;
  maxPendingApprovals: number;
  grants: readonly GrantPolicy[];
  quotas: readonly QuotaPolicy[];
  /** Approved, unexpired plans, soonest expiry first (absent: none). */
  plans?: readonly PlanPolicy[];
  /** Epoch ms: tokens issued to this agent at or before it are refused (kill switch). */
  tokensRevokedBefore?: number | null;
};

export type EnvironmentPolicy = {
  id: string;
  name: string;
  frozen: boolean;
  /** Epoch ms: tokens of this environment's agents issued at or before it are refused. */
  tokensRevokedBefore?: number | null;
};

export type CredentialPolicy = {
  id: string;
  agentId: string;
  prefix: string;
  secretHash: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  replacedById: string | null;
};

export type OperationPolicy = { tool: string; operation: string; effect: EffectClass };

export type PolicySnapshot = {
  orgId: string;
  /** organizations.policy_version when the snapshot was read. */
  version: number;
  orgFrozen: boolean;
  /** Epoch ms: every agent token of the org issued at or before it is refused (kill switch). */
  orgTokensRevokedBefore?: number | null;
  environments: ReadonlyMap<string, EnvironmentPolicy>;
  agents: ReadonlyMap<string, AgentPolicy>;
  /** Keyed by `operationKey(tool, operation)`. */
  operations: ReadonlyMap<string, OperationPolicy>;
  credentialsByPrefix: ReadonlyMap<string, CredentialPolicy>;
  credentialsById: ReadonlyMap<string, CredentialPolicy>;
  /** Per-tool redaction of stored payloads (absent: nothing to redact). */
  redaction?: PayloadRedaction;
};

export const operationKey = (tool: string, operation: string) => `${tool}:${operation}`;
