import { tryCompileJsonSchema } from "../json-schema/compile-json-schema";
import {
  operationKey,
  type AgentPolicy,
  type AgentStatus,
  type ApprovalMode,
  type CompiledSchema,
  type CredentialPolicy,
  type EffectClass,
  type EnvironmentPolicy,
  type GrantPolicy,
  type OperationPolicy,
  type PolicySnapshot,
  type QuotaMetric,
  type QuotaPolicy,
  type QuotaWindow,
} from "./policy-snapshot";

// The rows a snapshot is built from, as the loader reads them (timestamps may be ISO strings).
type Timestamp = string | Date | null;

export type PolicyRows = {
  org: { id: string; frozen: boolean; policyVersion: number };
  environments: { id: string; name: string; frozen: boolean }[];
  agents: {
    id: string;
    name: string;
    environmentId: string;
    autonomy: number;
    status: AgentStatus;
    parentId: string | null;
    maxPendingApprovals: number;
  }[];
  grants: {
    id: string;
    agentId: string;
    operationPattern: string;
    resourcePatterns: string[];
    paramsSchema: unknown;
    approvalMode: ApprovalMode;
    approvalWhen: unknown;
    approvers: number;
    approvalTtlSeconds: number;
    expiresAt: Timestamp;
  }[];
  quotas: { id: string; agentId: string; metric: QuotaMetric; window: QuotaWindow; limit: string | number }[];
  operations: { tool: string; operation: string; effect: EffectClass }[];
  credentials: {
    id: string;
    agentId: string;
    prefix: string;
    secretHash: string;
    expiresAt: Timestamp;
    revokedAt: Timestamp;
    replacedById: string | null;
  }[];
};

const toDate = (value: Timestamp): Date | null => (value === null ? null : new Date(value));

function compile(schema: unknown): CompiledSchema | null {
  if (schema === null || schema === undefined) return null;
  const result = tryCompileJsonSchema(schema);
  return result.ok ? { validate: result.validate } : { broken: result.message };
}

/** Build the in-memory snapshot, compiling every grant's schemas once (Ajv's cache is shared). */
export function buildPolicySnapshot(rows: PolicyRows): PolicySnapshot {
  const grantsByAgent = new Map<string, GrantPolicy[]>();
  for (const g of rows.grants) {
    const grant: GrantPolicy = {
      id: g.id,
      operationPattern: g.operationPattern,
      resourcePatterns: g.resourcePatterns,
      params: compile(g.paramsSchema),
      approvalMode: g.approvalMode,
      // A WHEN rule without a schema cannot be evaluated: treat it as "always" (fail closed).
      approvalWhen:
        g.approvalMode === "WHEN" ? (compile(g.approvalWhen) ?? { broken: "missing schema" }) : null,
      approvers: g.approvers,
      approvalTtlSeconds: g.approvalTtlSeconds,
      expiresAt: toDate(g.expiresAt),
    };
    const list = grantsByAgent.get(g.agentId) ?? [];
    list.push(grant);
    grantsByAgent.set(g.agentId, list);
  }
  const quotasByAgent = new Map<string, QuotaPolicy[]>();
  for (const q of rows.quotas) {
    const list = quotasByAgent.get(q.agentId) ?? [];
    list.push({ id: q.id, metric: q.metric, window: q.window, limit: Number(q.limit) });
    quotasByAgent.set(q.agentId, list);
  }
  const agents = new Map<string, AgentPolicy>();
  for (const a of rows.agents) {
    agents.set(a.id, {
      ...a,
      // Grants in a stable order, so that the grant named in a decision does not depend on load order.
      grants: (grantsByAgent.get(a.id) ?? []).sort((x, y) => (x.id < y.id ? -1 : 1)),
      quotas: quotasByAgent.get(a.id) ?? [],
    });
  }
  const environments = new Map<string, EnvironmentPolicy>(rows.environments.map((e) => [e.id, e]));
  const operations = new Map<string, OperationPolicy>(
    rows.operations.map((o) => [operationKey(o.tool, o.operation), o]),
  );
  const credentials: CredentialPolicy[] = rows.credentials.map((c) => ({
    ...c,
    expiresAt: toDate(c.expiresAt),
    revokedAt: toDate(c.revokedAt),
  }));
  return {
    orgId: rows.org.id,
    version: rows.org.policyVersion,
    orgFrozen: rows.org.frozen,
    environments,
    agents,
    operations,
    credentialsByPrefix: new Map(credentials.map((c) => [c.prefix, c])),
    credentialsById: new Map(credentials.map((c) => [c.id, c])),
  };
}
