// What the decision API knows about one org, held in memory per process: the org and its
// environments, agents with their grants and quotas, the operation catalog and the usable
// credentials. `evaluate` reads only this, so a decision is a pure function of a snapshot (whose
// version is recorded with the decision) and the request.
import type { ValidateFunction } from "ajv";

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
};

export type EnvironmentPolicy = { id: string; name: string; frozen: boolean };

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
  environments: ReadonlyMap<string, EnvironmentPolicy>;
  agents: ReadonlyMap<string, AgentPolicy>;
  /** Keyed by `operationKey(tool, operation)`. */
  operations: ReadonlyMap<string, OperationPolicy>;
  credentialsByPrefix: ReadonlyMap<string, CredentialPolicy>;
  credentialsById: ReadonlyMap<string, CredentialPolicy>;
};

export const operationKey = (tool: string, operation: string) => `${tool}:${operation}`;
