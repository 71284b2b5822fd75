// Table-driven tests of evaluate() with approved plans ("plan, then execute"): a plan stands in
// for the approval a matching action would need, and for nothing else.
import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate";
import { agent, grant, NOW, request, snapshot } from "./__fixtures__/policy-fixture";
import {
  checkCase,
  future,
  HASH,
  main,
  past,
  wideGrant,
  approval,
  type Case,
} from "./__fixtures__/evaluate-cases";
import type { PlanBudget } from "../plans/plan-request";
import { mergeStep, planRow } from "./__fixtures__/plan-fixture";

const always = grant({
  id: "grt_always",
  operationPattern: "github:*",
  resourcePatterns: ["**"],
  approvalMode: "ALWAYS",
});
const assist = { agents: [main({ autonomy: 1 })], grants: [wideGrant] };

type PlanCase = Case & { planId?: string | null };

const cases: PlanCase[] = [
  // ── where a plan applies ──
  {
    name: "autonomy 1 asks for approval of a write; a matching plan step allows it",
    policy: { ...assist, plans: [planRow()] },
    expect: { decision: "allow", code: "PLAN_APPROVED", grantId: "grt_wide" },
    planId: "pln_1",
  },
  {
    name: "a grant that always asks for approval; a matching plan step allows it",
    policy: { grants: [always], plans: [planRow()] },
    expect: { decision: "allow", code: "PLAN_APPROVED", grantId: "grt_always" },
    planId: "pln_1",
  },
  {
    name: "a parent's grant asks for approval; the sub-agent's plan stands in for it",
    policy: {
      agents: [main({ parentId: "agt_parent" }), agent({ id: "agt_parent" })],
      grants: [wideGrant, { ...always, id: "grt_parent", agentId: "agt_parent" }],
      plans: [planRow()],
    },
    expect: { decision: "allow", code: "PLAN_APPROVED", grantId: "grt_wide" },
    planId: "pln_1",
  },
  {
    name: "no approval needed: the grant answers, the plan (and its budget) is not used",
    policy: { grants: [wideGrant], plans: [planRow()] },
    expect: { decision: "allow", code: "ALLOWED_BY_GRANT" },
    planId: null,
  },
  // ── matching ──
  {
    name: "a glob step covers the resource",
    policy: { ...assist, plans: [planRow({ steps: [{ ...mergeStep, resource: "repo:acme/*" }] })] },
    expect: { decision: "allow", code: "PLAN_APPROVED" },
    planId: "pln_1",
  },
  {
    name: "another resource is a deviation: approval again",
    policy: { ...assist, plans: [planRow({ steps: [{ ...mergeStep, resource: "repo:acme/api" }] })] },
    expect: { decision: "require_approval", code: "APPROVAL_REQUIRED" },
    planId: null,
  },
  {
    name: "another operation is a deviation",
    policy: { ...assist, plans: [planRow({ steps: [{ ...mergeStep, operation: "repos.delete" }] })] },
    expect: { decision: "require_approval", code: "APPROVAL_REQUIRED" },
  },
  {
    name: "another tool is a deviation",
    policy: {
      ...assist,
      grants: [wideGrant, grant({ id: "grt_s", operationPattern: "*:*", resourcePatterns: ["**"] })],
      plans: [planRow({ steps: [{ ...mergeStep, tool: "gitlab" }] })],
    },
    expect: { decision: "require_approval", code: "APPROVAL_REQUIRED" },
  },
  {
    name: "a step with params covers exactly those params",
    policy: { ...assist, plans: [planRow({ steps: [{ ...mergeStep, params: { number: 42 } }] })] },
    expect: { decision: "allow", code: "PLAN_APPROVED" },
  },
  {
    name: "other params than the step's are a deviation",
    policy: { ...assist, plans: [planRow({ steps: [{ ...mergeStep, params: { number: 43 } }] })] },
    expect: { decision: "require_approval", code: "APPROVAL_REQUIRED" },
  },
  {
    name: "extra params than the step's are a deviation",
    policy: { ...assist, plans: [planRow({ steps: [{ ...mergeStep, params: { number: 42 } }] })] },
    request: { params: { number: 42, force: true } },
    expect: { decision: "require_approval", code: "APPROVAL_REQUIRED" },
  },
  {
    name: "a plan of a run holds inside that run",
    policy: { ...assist, plans: [planRow({ runId: "run_1" })] },
    request: { runId: "run_1" },
    expect: { decision: "allow", code: "PLAN_APPROVED" },
  },
  {
    name: "a plan of a run does not hold in another run",
    policy: { ...assist, plans: [planRow({ runId: "run_1" })] },
    request: { runId: "run_2" },
    expect: { decision: "require_approval", code: "APPROVAL_REQUIRED" },
  },
  {
    name: "a plan of a run does not hold outside any run",
    policy: { ...assist, plans: [planRow({ runId: "run_1" })] },
    expect: { decision: "require_approval", code: "APPROVAL_REQUIRED" },
  },
  {
    name: "a plan without a run holds in any run",
    policy: { ...assist, plans: [planRow()] },
    request: { runId: "run_9" },
    expect: { decision: "allow", code: "PLAN_APPROVED" },
  },
  {
    name: "an expired plan stands in for nothing",
    policy: { ...assist, plans: [planRow({ expiresAt: new Date(past) })] },
    expect: { decision: "require_approval", code: "APPROVAL_REQUIRED" },
  },
  {
    name: "a plan row changed after its approval stands in for nothing",
    policy: {
      ...assist,
      plans: [planRow({ steps: [{ ...mergeStep, resource: "repo:acme/api" }], tamperedSteps: [mergeStep] })],
    },
    expect: { decision: "require_approval", code: "APPROVAL_REQUIRED" },
  },
  {
    name: "another agent's plan does not apply",
    policy: {
      ...assist,
      agents: [main({ autonomy: 1 }), agent({ id: "agt_other" })],
      plans: [planRow({ agentId: "agt_other" })],
    },
    expect: { decision: "require_approval", code: "APPROVAL_REQUIRED" },
  },
  {
    name: "of two covering plans the one expiring first is used",
    policy: {
      ...assist,
      plans: [
        planRow({ id: "pln_late", expiresAt: new Date(future) }),
        planRow({ id: "pln_soon", expiresAt: new Date(NOW.getTime() + 1000) }),
      ],
    },
    expect: { decision: "allow", code: "PLAN_APPROVED" },
    planId: "pln_soon",
  },
  // ── what a plan never overrides ──
  {
    name: "no grant: denied despite the plan",
    policy: { agents: [main({ autonomy: 1 })], plans: [planRow()] },
    expect: { decision: "deny", code: "NO_MATCHING_GRANT" },
    planId: null,
  },
  {
    name: "params outside the grant: denied despite a step without params",
    policy: {
      agents: [main({ autonomy: 1 })],
      grants: [
        grant({ id: "grt_1", paramsSchema: { type: "object", properties: { number: { maximum: 10 } } } }),
      ],
      plans: [planRow()],
    },
    expect: { decision: "deny", code: "PARAMS_OUT_OF_SCOPE" },
  },
  {
    name: "an expired grant: denied despite the plan",
    policy: {
      agents: [main({ autonomy: 1 })],
      grants: [grant({ id: "grt_1", expiresAt: past })],
      plans: [planRow()],
    },
    expect: { decision: "deny", code: "GRANT_EXPIRED" },
  },
  {
    name: "autonomy 0 observes only, plan or not",
    policy: { agents: [main({ autonomy: 0 })], grants: [wideGrant], plans: [planRow()] },
    expect: { decision: "deny", code: "AUTONOMY_OBSERVE_ONLY" },
  },
  {
    name: "a paused agent is refused, plan or not",
    policy: { agents: [main({ autonomy: 1, status: "PAUSED" })], grants: [wideGrant], plans: [planRow()] },
    expect: { decision: "deny", code: "AGENT_PAUSED" },
  },
  {
    name: "a frozen org is refused, plan or not",
    policy: { ...assist, orgFrozen: true, plans: [planRow()] },
    expect: { decision: "deny", code: "ORG_FROZEN" },
  },
  {
    name: "a presented approval is used before any plan",
    policy: { ...assist, plans: [planRow()] },
    request: { approvalId: "apr_1" },
    input: { presentedApproval: approval() },
    expect: { decision: "allow", code: "APPROVED" },
    planId: null,
  },
];

describe("evaluate: approved plans", () => {
  it.each(cases)("$name", (c) => {
    checkCase(c);
    if (c.planId !== undefined) {
      const result = evaluate(snapshot(c.policy), {
        agentId: "agt_main",
        request: request(c.request),
        actionHash: HASH,
        now: NOW,
        ...c.input,
      });
      expect(result.planId).toBe(c.planId);
    }
  });
});

describe("evaluate: a plan's budget as quota charges", () => {
  const quotas = [
    { id: "q_calls", agentId: "agt_main", metric: "calls" as const, window: "day" as const, limit: 100 },
  ];
  const charges = (budget: PlanBudget, cost = { spendCents: 0, tokens: 0 }) =>
    evaluate(snapshot({ ...assist, quotas, plans: [planRow({ budget })] }), {
      agentId: "agt_main",
      request: request({ cost }),
      actionHash: HASH,
      now: NOW,
    }).quotaCharges.map(
      (c) =>
        `${c.metric}/${c.window}/${c.windowKey}=${c.amount}≤${c.limit}${c.planId ? ` (${c.planId})` : ""}`,
    );

  it("charges the agent's quotas as usual plus a call from the plan's budget", () => {
    expect(charges({ calls: 10 })).toEqual([
      "calls/day/2026-11-21=1≤100",
      "calls/run/plan:pln_1=1≤10 (pln_1)",
    ]);
  });
  it("charges spend and tokens from a budget that limits them", () => {
    expect(charges({ calls: 3, spendCents: 500, tokens: 1000 }, { spendCents: 120, tokens: 300 })).toEqual([
      "calls/day/2026-11-21=1≤100",
      "calls/run/plan:pln_1=1≤3 (pln_1)",
      "spendCents/run/plan:pln_1=120≤500 (pln_1)",
      "tokens/run/plan:pln_1=300≤1000 (pln_1)",
    ]);
  });
  it("leaves out what the budget does not limit and what costs nothing", () => {
    expect(charges({ spendCents: 500 })).toEqual(["calls/day/2026-11-21=1≤100"]);
    expect(charges({ spendCents: 500 }, { spendCents: 1, tokens: 0 })).toEqual([
      "calls/day/2026-11-21=1≤100",
      "spendCents/run/plan:pln_1=1≤500 (pln_1)",
    ]);
  });
});
