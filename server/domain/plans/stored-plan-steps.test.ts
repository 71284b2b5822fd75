// Plan steps are stored redacted with the digest of their params as sent, and still match exactly.
import { describe, expect, it } from "vitest";
import { NOW } from "../decide/__fixtures__/policy-fixture";
import { REDACTED } from "../redaction/apply-redaction";
import { buildPayloadRedaction } from "../redaction/payload-redaction";
import { parseRuntimeBody } from "../runs/parse-runtime-body";
import { planApproval } from "./plan-approval";
import { coveringPlan, planPolicyFromRow } from "./plan-envelope";
import { submitPlanRequestSchema, type PlanStep } from "./plan-request";
import { planParamsDigest, storedPlanSteps } from "./stored-plan-steps";

const redaction = buildPayloadRedaction(
  [
    { tool: "stripe", part: "PARAMS", paths: ["$.card.number"], mode: "REDACT" },
    { tool: "stripe", part: "PARAMS", paths: ["$.apiKey"], mode: "FINGERPRINT" },
  ],
  "ab".repeat(32),
);
const params = { amount: 500, card: { number: "4242424242424242" }, apiKey: "sk_live_secret" };
const charge: PlanStep = { tool: "stripe", operation: "charges.create", resource: "stripe:acme", params };
const anyMerge: PlanStep = { tool: "github", operation: "pulls.merge", resource: "repo:acme/web" };

/** A plan stored as the submission handler stores it, with the hash its approval is bound to. */
function storedRow(steps: PlanStep[]) {
  const planExpiresAt = new Date(NOW.getTime() + 3_600_000);
  const approval = planApproval({
    agentId: "agt_main",
    plan: { runId: null, steps, budget: { calls: 5 }, expiresInSeconds: 3600, summary: null },
    coverage: steps.map(() => ({ effect: "SPEND" as const, approvers: 1, ttlSeconds: 600 })),
    now: NOW,
    planExpiresAt,
  });
  const row = {
    id: "pln_1",
    agentId: "agt_main",
    runId: null,
    // What the store keeps: jsonb, so a JSON round trip.
    steps: JSON.parse(JSON.stringify(steps)) as unknown,
    budget: { calls: 5 },
    expiresAt: planExpiresAt,
    approvalHash: approval.actionHash,
  };
  return { row, approval };
}

const action = (p: Record<string, unknown>) => ({
  tool: "stripe",
  operation: "charges.create",
  resource: "stripe:acme",
  params: p,
});

describe("plan steps as stored", () => {
  it("redact the params by the tool's rules and keep the digest of the params as sent", () => {
    const [step, other] = storedPlanSteps(redaction, [charge, anyMerge]);
    expect(step).toEqual({
      ...charge,
      params: {
        amount: 500,
        card: { number: REDACTED },
        apiKey: expect.stringMatching(/^hmac-sha256:/) as string,
      },
      paramsDigest: planParamsDigest(params),
    });
    expect(JSON.stringify(step)).not.toContain("4242424242424242");
    expect(JSON.stringify(step)).not.toContain("sk_live_secret");
    // A step without params covers any params: nothing to redact or digest.
    expect(other).toBe(anyMerge);
  });

  it("and in the approval's action the approvers see only the redacted params", () => {
    const { approval } = storedRow(storedPlanSteps(redaction, [charge]));
    expect(JSON.stringify(approval.action)).not.toContain("sk_live_secret");
    expect(JSON.stringify(approval.action)).toContain(REDACTED);
  });

  it("still match exactly the params as sent, and nothing else", () => {
    const { row } = storedRow(storedPlanSteps(redaction, [charge]));
    const plan = planPolicyFromRow(row);
    expect(plan).not.toBeNull();
    expect(coveringPlan([plan!], action({ ...params }), null, NOW)?.id).toBe("pln_1");
    // Same keys in another order: the same canonical params.
    const reordered = { apiKey: params.apiKey, card: params.card, amount: 500 };
    expect(coveringPlan([plan!], action(reordered), null, NOW)?.id).toBe("pln_1");
    // The redacted form itself does not match: only someone holding the original does.
    const storedParams = (row.steps as PlanStep[])[0]!.params!;
    expect(coveringPlan([plan!], action(storedParams), null, NOW)).toBeNull();
    expect(coveringPlan([plan!], action({ ...params, amount: 501 }), null, NOW)).toBeNull();
  });

  it("are honoured only as approved: a swapped digest or purged params stand in for nothing", () => {
    const { row } = storedRow(storedPlanSteps(redaction, [charge]));
    const steps = row.steps as PlanStep[];
    const swapped = [{ ...steps[0]!, paramsDigest: planParamsDigest({ amount: 99_999 }) }];
    expect(planPolicyFromRow({ ...row, steps: swapped })).toBeNull();
    const purged = [{ ...steps[0]!, params: null }];
    expect(planPolicyFromRow({ ...row, steps: purged })).toBeNull();
    const digestOnly = [
      {
        tool: charge.tool,
        operation: charge.operation,
        resource: charge.resource,
        paramsDigest: steps[0]!.paramsDigest,
      },
    ];
    expect(planPolicyFromRow({ ...row, steps: digestOnly })).toBeNull();
  });

  it("of a plan stored before digests were kept (params in clear) still match", () => {
    const { row } = storedRow([charge]);
    const plan = planPolicyFromRow(row);
    expect(coveringPlan([plan!], action(params), null, NOW)?.id).toBe("pln_1");
    expect(coveringPlan([plan!], action({ amount: 1 }), null, NOW)).toBeNull();
  });

  it("cannot be forged by the agent: a submitted step may not carry a digest", () => {
    const body = {
      steps: [{ ...charge, params: { amount: 1 }, paramsDigest: planParamsDigest(params) }],
      budget: { calls: 1 },
    };
    const parsed = parseRuntimeBody(JSON.stringify(body), submitPlanRequestSchema);
    expect(parsed.ok).toBe(false);
  });
});
