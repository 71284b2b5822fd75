// Small policy snapshots for the table-driven tests of `evaluate`: one org with dev and prod, a
// catalog of GitHub operations of every effect class, and agents built from a few overrides.
import { buildPolicySnapshot, type PolicyRows } from "../../policy/build-policy-snapshot";
import type { PolicySnapshot } from "../../policy/policy-snapshot";
import type { DecideRequest } from "../decide-request";

export const ORG = "org_test";
export const DEV = "env_dev";
export const PROD = "env_prod";
export const NOW = new Date("2026-11-21T12:30:00.000Z");

export type GrantRow = PolicyRows["grants"][number];
export type AgentRow = PolicyRows["agents"][number];

export function grant(overrides: Partial<GrantRow> & { id: string; agentId?: string }): GrantRow {
  return {
    agentId: "agt_main",
    operationPattern: "github:*",
    resourcePatterns: ["repo:acme/*"],
    paramsSchema: null,
    approvalMode: "NEVER",
    approvalWhen: null,
    approvers: 1,
    approvalTtlSeconds: 600,
    expiresAt: null,
    ...overrides,
  };
}

export function agent(overrides: Partial<AgentRow> & { id: string }): AgentRow {
  return {
    name: overrides.id.replace(/^agt_/, ""),
    environmentId: DEV,
    autonomy: 3,
    status: "ACTIVE",
    parentId: null,
    maxPendingApprovals: 20,
    ...overrides,
  };
}

export type FixtureOptions = {
  agents?: AgentRow[];
  grants?: GrantRow[];
  quotas?: PolicyRows["quotas"];
  plans?: PolicyRows["plans"];
  orgFrozen?: boolean;
  frozenEnvironments?: string[];
};

export function snapshot(options: FixtureOptions = {}): PolicySnapshot {
  return buildPolicySnapshot({
    org: { id: ORG, frozen: options.orgFrozen ?? false, policyVersion: 7 },
    environments: [
      { id: DEV, name: "dev", frozen: options.frozenEnvironments?.includes(DEV) ?? false },
      { id: PROD, name: "prod", frozen: options.frozenEnvironments?.includes(PROD) ?? false },
    ],
    agents: options.agents ?? [agent({ id: "agt_main" })],
    grants: options.grants ?? [],
    quotas: options.quotas ?? [],
    operations: [
      { tool: "github", operation: "pulls.get", effect: "READ" },
      { tool: "github", operation: "pulls.merge", effect: "WRITE" },
      { tool: "github", operation: "repos.delete", effect: "DELETE" },
      { tool: "github", operation: "org.admin", effect: "ADMIN" },
      { tool: "stripe", operation: "refunds.create", effect: "SPEND" },
    ],
    credentials: [],
    plans: options.plans ?? [],
  });
}

export function request(overrides: Partial<DecideRequest> = {}): DecideRequest {
  return {
    runId: null,
    tool: "github",
    operation: "pulls.merge",
    resource: "repo:acme/web",
    params: { number: 42 },
    cost: { spendCents: 0, tokens: 0 },
    onBehalfOf: null,
    approvalId: null,
    idempotencyKey: null,
    environment: null,
    ...overrides,
  };
}
