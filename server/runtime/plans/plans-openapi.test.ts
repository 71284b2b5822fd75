// The plans part of the OpenAPI document: generated from the same schema that validates the
// body, and describing the answers the handlers send.
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../openapi/openapi-document";

const doc = buildOpenApiDocument();

function validatorFor(name: string) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addVocabulary(["x-enum-descriptions", "x-enum-decisions", "components"]);
  return ajv.compile({ components: doc.components, $ref: `#/components/schemas/${name}` });
}

describe("the plans in the OpenAPI document", () => {
  it("documents both routes and the refusal codes", () => {
    expect(doc.paths["/api/plans"]?.post?.responses).toHaveProperty("403");
    expect(doc.paths["/api/plans"]?.post?.responses).toHaveProperty("429");
    expect(doc.paths["/api/plans/{id}"]?.get?.operationId).toBe("getPlan");
    expect(doc.components.schemas.ErrorCode?.enum).toEqual(
      expect.arrayContaining(["PLAN_OUT_OF_SCOPE", "APPROVAL_QUEUE_FULL", "AUTONOMY_OBSERVE_ONLY"]),
    );
  });

  it("validates requests and answers as the server does", () => {
    const request = validatorFor("SubmitPlanRequest");
    const step = { tool: "github", operation: "pulls.merge", resource: "repo:acme/*" };
    expect(request({ steps: [step], budget: { calls: 3 }, expiresInSeconds: 600 })).toBe(true);
    expect(request({ steps: [step], budget: { calls: 3 }, agentId: "agt_1" })).toBe(false);
    expect(request({ steps: [], budget: { calls: 3 } })).toBe(false);
    const decided = validatorFor("DecideResponse");
    expect(
      decided({
        decision: "allow",
        decisionId: "dec_1",
        reason: { code: "PLAN_APPROVED", message: "m" },
        grantId: "grt_1",
        approval: null,
        quotas: [],
        plan: { id: "pln_1", budget: [{ metric: "calls", used: 1, limit: 3 }] },
      }),
    ).toBe(true);
    const state = validatorFor("PlanState");
    expect(
      state({
        planId: "pln_1",
        status: "EXHAUSTED",
        runId: null,
        summary: null,
        steps: [step],
        budget: { calls: 3 },
        used: { calls: 3 },
        expiresAt: new Date().toISOString(),
        createdAt: new Date().toISOString(),
        approval: null,
      }),
    ).toBe(true);
    expect(validatorFor("SubmitPlanResponse")({ planId: "pln_1", status: "APPROVED" })).toBe(false);
  });
});
