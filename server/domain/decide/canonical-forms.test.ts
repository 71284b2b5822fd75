import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical-json";
import { canonicalAction } from "./action-hash";
import { canonicalActionJson, canonicalRequestJson, canonicalResponseJson } from "./canonical-forms";
import type { DecideRequest } from "./decide-request";
import type { DecideResponse } from "./decision-record";

const awkwardParams = {
  number: 42,
  z: [1, { b: null, a: 'é"\\\n\u2028' }],
  "\u00e9": true,
  "": 0.5,
  big: 1e21,
};

const request = (overrides: Partial<DecideRequest> = {}): DecideRequest => ({
  runId: "run_1",
  tool: "github",
  operation: "pulls.merge",
  resource: "repo:acme/web",
  params: awkwardParams,
  cost: { spendCents: 5, tokens: 1200 },
  onBehalfOf: "user:alice@acme.test",
  approvalId: null,
  idempotencyKey: 'k"1',
  environment: null,
  ...overrides,
});

const response = (overrides: Partial<DecideResponse> = {}): DecideResponse => ({
  decision: "require_approval",
  decisionId: "dec_1",
  reason: { code: "APPROVAL_REQUIRED", message: 'A person must approve "this".' },
  grantId: "grt_1",
  approval: { id: "apr_1", expiresAt: "2026-11-21T12:40:00.000Z" },
  quotas: [
    { metric: "calls", window: "run", used: 3, limit: 50 },
    { metric: "spendCents", window: "day", used: 0, limit: 5000 },
  ],
  ...overrides,
});

describe("canonical forms equal canonicalJson", () => {
  it.each([
    [
      "a full action",
      {
        agentId: "agt_1",
        runId: "run_1",
        tool: "github",
        operation: "pulls.merge",
        resource: "repo:a/b",
        params: awkwardParams,
      },
    ],
    [
      "no run, empty params",
      { agentId: "agt_1", runId: null, tool: "t", operation: "o", resource: "r", params: {} },
    ],
  ])("action: %s", (_name, input) => {
    const action = canonicalAction(input);
    expect(canonicalActionJson(action, canonicalJson(action.params))).toBe(canonicalJson(action));
  });

  it.each([
    ["every field set", request({ approvalId: "apr_1", environment: "prod" })],
    ["nulls", request({ runId: null, onBehalfOf: null, idempotencyKey: null, params: {} })],
  ])("request: %s", (_name, req) => {
    expect(canonicalRequestJson(req, canonicalJson(req.params))).toBe(canonicalJson(req));
  });

  it.each([
    ["with an approval and quotas", response()],
    [
      "an allow without approval or quotas",
      response({ decision: "allow", approval: null, quotas: [], grantId: null }),
    ],
  ])("response: %s", (_name, res) => {
    expect(canonicalResponseJson(res)).toBe(canonicalJson(res));
  });

  it("falls back to canonicalJson for objects with other keys", () => {
    const withExtra = { ...response(), plan: { id: "pln_1" } } as DecideResponse;
    expect(canonicalResponseJson(withExtra)).toBe(canonicalJson(withExtra));
    const quotaExtra = response({
      quotas: [{ metric: "calls", window: "day", used: 1, limit: 2, x: 1 } as never],
    });
    expect(canonicalResponseJson(quotaExtra)).toBe(canonicalJson(quotaExtra));
    const reqExtra = { ...request(), planId: "pln_1" } as DecideRequest;
    expect(canonicalRequestJson(reqExtra, canonicalJson(reqExtra.params))).toBe(canonicalJson(reqExtra));
    const action = {
      ...canonicalAction({ agentId: "a", runId: null, tool: "t", operation: "o", resource: "r", params: {} }),
      plan: "p",
    };
    expect(canonicalActionJson(action, "{}")).toBe(canonicalJson(action));
  });
});
