// The pure parts of plan envelopes: the request, the check against the grants at submission, the
// approval it asks for, matching at decision time and what the agent is shown.
import { describe, expect, it } from "vitest";
import { agent, grant, NOW, snapshot } from "../decide/__fixtures__/policy-fixture";
import { planRow } from "../decide/__fixtures__/plan-fixture";
import { REASON_CODES } from "../decide/reason-codes";
import { parseRuntimeBody } from "../runs/parse-runtime-body";
import { checkPlanSteps, highestEffect, observeOnlyRefusal } from "./check-plan-steps";
import { budgetWords, planApproval } from "./plan-approval";
import { coveringPlan, planPolicyFromRow } from "./plan-envelope";
import { canonicalPlan, planHash } from "./plan-hash";
import { newPlan, submitPlanRequestSchema, type PlanStep } from "./plan-request";
import { effectivePlanStatus, planView, type PlanRow } from "./plan-view";

const merge: PlanStep = { tool: "github", operation: "pulls.merge", resource: "repo:acme/web" };
const parse = (body: unknown) => parseRuntimeBody(JSON.stringify(body), submitPlanRequestSchema);

describe("the plan request", () => {
  it("settles defaults and keeps params only where given", () => {
    const parsed = parse({ steps: [merge, { ...merge, params: { number: 1 } }], budget: { calls: 3 } });
    expect(parsed.ok).toBe(true);
    const plan = newPlan(parsed.ok ? parsed.value : (undefined as never));
    expect(plan).toEqual({
      runId: null,
      steps: [merge, { ...merge, params: { number: 1 } }],
      budget: { calls: 3 },
      expiresInSeconds: 3600,
      summary: null,
    });
    expect("params" in plan.steps[0]!).toBe(false);
  });

  it.each([
    ["no steps", { steps: [], budget: { calls: 1 } }, "steps"],
    ["51 steps", { steps: Array(51).fill(merge), budget: { calls: 1 } }, "steps"],
    ["an empty budget", { steps: [merge], budget: {} }, "budget"],
    ["zero calls", { steps: [merge], budget: { calls: 0 } }, "budget.calls"],
    ["a fractional spend", { steps: [merge], budget: { spendCents: 1.5 } }, "budget.spendCents"],
    ["an unknown budget metric", { steps: [merge], budget: { calls: 1, writes: 1 } }, "budget"],
    [
      "a too long life",
      { steps: [merge], budget: { calls: 1 }, expiresInSeconds: 86_401 },
      "expiresInSeconds",
    ],
    ["a too short life", { steps: [merge], budget: { calls: 1 }, expiresInSeconds: 10 }, "expiresInSeconds"],
    [
      "a non-canonical resource",
      { steps: [{ ...merge, resource: "repo:acme//web" }], budget: { calls: 1 } },
      "steps.0.resource",
    ],
    [
      "a negated glob",
      { steps: [{ ...merge, resource: "!repo:acme/web" }], budget: { calls: 1 } },
      "steps.0.resource",
    ],
    ["a bad tool name", { steps: [{ ...merge, tool: "git hub" }], budget: { calls: 1 } }, "steps.0.tool"],
    ["an unknown field", { steps: [merge], budget: { calls: 1 }, agentId: "agt_1" }, "(body)"],
    ["a run id of another kind", { runId: "apr_1", steps: [merge], budget: { calls: 1 } }, "runId"],
  ])("refuses %s", (_name, body, path) => {
    const parsed = parse(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.issues.map((i) => i.path)).toContain(path);
  });

  it("refuses params the store could not keep", () => {
    const parsed = parseRuntimeBody(
      '{"steps":[{"tool":"github","operation":"pulls.merge","resource":"repo:acme/web","params":{"n":1e999}}],"budget":{"calls":1}}',
      submitPlanRequestSchema,
    );
    expect(parsed.ok).toBe(false);
  });
});

describe("checkPlanSteps", () => {
  const policy = {
    agents: [agent({ id: "agt_main", parentId: "agt_parent" }), agent({ id: "agt_parent" })],
    grants: [
      grant({
        id: "g1",
        operationPattern: "github:pulls.get",
        resourcePatterns: ["repo:acme/*"],
        approvers: 2,
        approvalTtlSeconds: 300,
      }),
      grant({
        id: "g2",
        operationPattern: "github:pulls.merge",
        resourcePatterns: ["repo:acme/web"],
        paramsSchema: { type: "object", properties: { number: { maximum: 100 } } },
      }),
      grant({
        id: "g3",
        operationPattern: "github:repos.delete",
        resourcePatterns: ["repo:acme/old"],
        expiresAt: new Date(NOW.getTime() - 1).toISOString(),
      }),
      grant({ id: "gp", agentId: "agt_parent", resourcePatterns: ["repo:acme/**"], approvers: 3 }),
    ],
  };
  const check = (steps: PlanStep[]) => checkPlanSteps(snapshot(policy), "agt_main", steps, NOW);

  it("accepts steps within the grants of the agent and its parents, with the strictest approval", () => {
    expect(check([merge, { ...merge, operation: "pulls.get", resource: "repo:acme/*" }])).toEqual({
      ok: true,
      steps: [
        { effect: "WRITE", approvers: 3, ttlSeconds: 600 },
        { effect: "READ", approvers: 3, ttlSeconds: 300 },
      ],
    });
  });

  it("names every step outside the grants and why", () => {
    const result = check([
      merge,
      { ...merge, resource: "repo:other/web" },
      { ...merge, resource: "repo:acme/**" },
      { ...merge, params: { number: 500 } },
      { ...merge, operation: "repos.delete", resource: "repo:acme/old" },
      { ...merge, operation: "nope" },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual(["steps.1", "steps.2", "steps.3", "steps.4", "steps.5"]);
    expect(result.issues[0]!.message).toBe(
      "Step 2: No grant of the agent covers github:pulls.merge on repo:other/web.",
    );
    expect(result.issues[1]!.message).toMatch(/for every resource the pattern names/);
    expect(result.issues[2]!.message).toMatch(/parameters of github:pulls.merge/);
    expect(result.issues[3]!.message).toMatch(/has expired/);
    expect(result.issues[4]!.message).toMatch(/not in the tool catalog/);
  });

  it("requires the parent's grants too", () => {
    const result = checkPlanSteps(
      snapshot({ ...policy, grants: policy.grants.filter((g) => g.id !== "gp") }),
      "agt_main",
      [merge],
      NOW,
    );
    expect(result.ok === false && result.issues[0]!.message).toBe(
      "Step 1: No grant of its parent agent parent covers github:pulls.merge on repo:acme/web.",
    );
  });

  it.each([
    ["the agent at 0", { self: 0, parent: 3, gp: 3 }, REASON_CODES.AUTONOMY_OBSERVE_ONLY.message],
    ["its parent at 0", { self: 3, parent: 0, gp: 3 }, "its parent agent parent only observes"],
    ["its grandparent at 0", { self: 3, parent: 3, gp: 0 }, "its ancestor agent gp only observes"],
    ["a parent at an out-of-range level", { self: 3, parent: 9, gp: 3 }, "its parent agent parent"],
    ["no one at 0 (a parent at 1)", { self: 3, parent: 1, gp: 2 }, null],
    ["no one at 0 (the agent at 1)", { self: 1, parent: 3, gp: 3 }, null],
  ])("refuses every plan of an agent that observes, or whose parents do: %s", (_, levels, expected) => {
    const lineage = snapshot({
      agents: [
        agent({ id: "agt_main", parentId: "agt_parent", autonomy: levels.self }),
        agent({ id: "agt_parent", parentId: "agt_gp", autonomy: levels.parent }),
        agent({ id: "agt_gp", autonomy: levels.gp }),
      ],
    });
    const refusal = observeOnlyRefusal(lineage, "agt_main");
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toContain(expected);
  });

  it("ranks effects so the plan carries its worst step's", () => {
    expect(highestEffect(["READ", "SPEND", "WRITE"])).toBe("SPEND");
    expect(highestEffect(["DELETE", "SPEND"])).toBe("DELETE");
    expect(highestEffect(["ADMIN", "READ"])).toBe("ADMIN");
  });
});

describe("planApproval", () => {
  const plan = newPlan({ steps: [merge, merge, merge], budget: { calls: 10 } });
  const expiresAt = new Date(NOW.getTime() + 3_600_000);

  it("asks as strictly as the strictest step, worded for people, bound to the plan", () => {
    const approval = planApproval({
      agentId: "agt_main",
      plan,
      coverage: [
        { effect: "READ", approvers: 1, ttlSeconds: 600 },
        { effect: "DELETE", approvers: 2, ttlSeconds: 300 },
        { effect: "WRITE", approvers: 1, ttlSeconds: 900 },
      ],
      now: NOW,
      planExpiresAt: expiresAt,
    });
    expect(approval).toMatchObject({
      action: { plan: { steps: plan.steps, budget: { calls: 10 } } },
      effect: "DELETE",
      requiredApprovers: 2,
      expiresAt: new Date(NOW.getTime() + 300_000),
    });
    expect(approval.ruleReason).toMatch(
      /^The agent asks to run a plan of 3 steps within a budget of 10 calls, for up to 1 hour\./,
    );
    expect(approval.actionHash).toBe(
      planHash(
        canonicalPlan({
          agentId: "agt_main",
          runId: null,
          steps: plan.steps,
          budget: plan.budget,
          expiresAt,
        }),
      ),
    );
  });

  it("never outlives the plan", () => {
    const soon = new Date(NOW.getTime() + 60_000);
    const approval = planApproval({
      agentId: "a",
      plan,
      coverage: [{ effect: "READ", approvers: 1, ttlSeconds: 600 }],
      now: NOW,
      planExpiresAt: soon,
    });
    expect(approval.expiresAt).toEqual(soon);
  });

  it("words budgets", () => {
    expect(budgetWords({ calls: 1 })).toBe("1 call");
    expect(budgetWords({ calls: 10, spendCents: 123456, tokens: 20000 })).toBe(
      "10 calls, $1,234.56 of spend and 20,000 model tokens",
    );
  });
});

describe("matching an action to an approved plan", () => {
  const policyOf = (steps: PlanStep[]) => planPolicyFromRow(planRow({ steps }))!;
  const action = {
    tool: "github",
    operation: "pulls.merge",
    resource: "repo:acme/web",
    params: { number: 42, title: "x" },
  };
  const matches = (steps: PlanStep[], overrides: Partial<typeof action> = {}) =>
    coveringPlan([policyOf(steps)], { ...action, ...overrides }, null, NOW) !== null;

  it.each([
    ["an exact step", [merge], {}, true],
    ["a glob step", [{ ...merge, resource: "repo:acme/*" }], {}, true],
    ["a glob that does not cross segments", [{ ...merge, resource: "repo:*" }], {}, false],
    ["params equal in any key order", [{ ...merge, params: { title: "x", number: 42 } }], {}, true],
    ["params that differ", [{ ...merge, params: { number: 42 } }], {}, false],
    ["another operation", [merge], { operation: "pulls.close" }, false],
    ["another tool", [merge], { tool: "gitlab" }, false],
    ["another resource", [merge], { resource: "repo:acme/api" }, false],
    ["one of several steps", [{ ...merge, resource: "repo:acme/api" }, merge], {}, true],
  ] as const)("%s", (_name, steps, overrides, expected) => {
    expect(matches([...steps], overrides)).toBe(expected);
  });

  it("honours no plan whose row differs from what was approved", () => {
    expect(planPolicyFromRow({ ...planRow(), budget: { calls: 1000 } })).toBeNull();
    expect(planPolicyFromRow({ ...planRow(), runId: "run_other" })).toBeNull();
    expect(planPolicyFromRow({ ...planRow(), approvalHash: "0".repeat(64) })).toBeNull();
    expect(planPolicyFromRow({ ...planRow(), steps: "nope" })).toBeNull();
    expect(planPolicyFromRow(planRow())).not.toBeNull();
  });
});

describe("the plan as its agent sees it", () => {
  const row = (overrides: Partial<PlanRow> = {}): PlanRow => ({
    id: "pln_1",
    runId: null,
    steps: [merge],
    budget: { calls: 2, spendCents: 100 },
    summary: null,
    status: "APPROVED",
    expiresAt: new Date(NOW.getTime() + 60_000),
    createdAt: NOW,
    used: {},
    approval: {
      id: "apr_1",
      status: "APPROVED",
      expiresAt: new Date(NOW.getTime() + 30_000),
      decidedAt: NOW,
      consumedAt: null,
      requiredApprovers: 1,
      approveVotes: 1,
    },
    ...overrides,
  });

  it.each([
    ["approved", {}, "APPROVED"],
    ["approved but past its expiry", { expiresAt: NOW }, "EXPIRED"],
    ["approved with its calls used up", { used: { calls: 2 } }, "EXHAUSTED"],
    [
      "approved with its spend used up (free calls still fit)",
      { used: { calls: 1, spendCents: 100 } },
      "APPROVED",
    ],
    ["pending", { status: "PENDING", approval: { ...row().approval!, status: "PENDING" } }, "PENDING"],
    [
      "pending with its approval lapsed",
      { status: "PENDING", approval: { ...row().approval!, status: "PENDING", expiresAt: NOW } },
      "EXPIRED",
    ],
    ["denied", { status: "DENIED" }, "DENIED"],
  ] as const)("%s", (_name, overrides, status) => {
    expect(effectivePlanStatus(row(overrides as Partial<PlanRow>), NOW)).toBe(status);
  });

  it("reports the use of every budget metric", () => {
    expect(planView(row({ used: { calls: 1 } }), NOW)).toMatchObject({
      planId: "pln_1",
      used: { calls: 1, spendCents: 0 },
      approval: { id: "apr_1", status: "APPROVED", approvals: 1 },
    });
  });
});
