import { tryCompileJsonSchema } from "../json-schema/compile-json-schema";
import { planPolicyFromRow, type StoredPlanRow } from "../plans/plan-envelope";
import { buildPayloadRedaction, type RedactionRuleRow } from "../redaction/payload-redaction";
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
  type PlanPolicy,
  type PolicySnapshot,
  type QuotaMetric,
  type QuotaPolicy,
  type QuotaWindow,
} from "./policy-snapshot";

// The rows a snapshot is built from, as the loader reads them (timestamps may be ISO strings).
type Timestamp = string | Date | null;

export type PolicyRows = {
  org: { id: string; frozen: boolean; policyVersion: number; tokensRevokedBefore?: Timestamp };
  environments: { id: string; name: string; frozen: boolean; tokensRevokedBefore?: Timestamp }[];
  agents: {
    id: string;
    name: string;
    environmentId: string;
    autonomy: number;
    status: AgentStatus;
    parentId: string | null;
    maxPendingApprovals: number;
    tokensRevokedBefore?: Timestamp;
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
  /** Approved, unexpired plans with their approval's hash (absent: none loaded). */
  plans?: StoredPlanRow[];
  /** Redaction rules with their tool's name, and the org's fingerprint key (hex). */
  redactionRules?: RedactionRuleRow[];
  payloadKey?: string | null;
};

const toDate = (value: Timestamp): Date | null => (value === null ? null : new Date(value));
const toEpochMs = (value: Timestamp | undefined): number | null =>
  value === null || value === undefined ? null : new Date(value).getTime();

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
  const plansByAgent = new Map<string, PlanPolicy[]>();
  for (const row of rows.plans ?? []) {
    const plan = planPolicyFromRow(row);
    if (!plan) continue;
    const list = plansByAgent.get(row.agentId) ?? [];
    list.push(plan);
    plansByAgent.set(row.agentId, list);
  }
  const agents = new Map<string, AgentPolicy>();
  for (const a of rows.agents) {
    agents.set(a.id, {
      ...a,
      tokensRevokedBefore: toEpochMs(a.tokensRevokedBefore),
      // Grants in a stable order, so that the grant named in a decision does not depend on load order.
      grants: (grantsByAgent.get(a.id) ?? []).sort((x, y) => (x.id < y.id ? -1 : 1)),
      quotas: quotasByAgent.get(a.id) ?? [],
      // Soonest expiry first: of two plans covering an action, the one about to lapse is used.
      plans: (plansByAgent.get(a.id) ?? []).sort(
        (x, y) => x.expiresAt.getTime() - y.expiresAt.getTime() || (x.id < y.id ? -1 : 1),
      ),
    });
  }
  const environments = new Map<string, EnvironmentPolicy>(
    rows.environments.map((e) => [e.id, { ...e, tokensRevokedBefore: toEpochMs(e.tokensRevokedBefore) }]),
  );
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
    orgTokensRevokedBefore: toEpochMs(rows.org.tokensRevokedBefore),
    environments,
    agents,
    operations,
    credentialsByPrefix: new Map(credentials.map((c) => [c.prefix, c])),
    credentialsById: new Map(credentials.map((c) => [c.id, c])),
    ...(rows.redactionRules?.length
      ? { redaction: buildPayloadRedaction(rows.redactionRules, rows.payloadKey ?? null) }
      : {}),
  };
}
