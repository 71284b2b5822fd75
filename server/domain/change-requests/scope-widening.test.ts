import { describe, expect, it } from "vitest";
import type { GrantFields } from "../grants/validate-grant-fields";
import { autonomyWidening, grantWidening, quotaWidening } from "./scope-widening";

const base: GrantFields = {
  operationPattern: "github:pulls.merge",
  resourcePatterns: ["repo:acme/web"],
  paramsSchema: { type: "object", properties: { number: { maximum: 100 } } },
  approval: { when: { type: "object", properties: { number: { minimum: 50 } } } },
  approvers: 2,
  approvalTtlSeconds: 600,
  expiresAt: new Date("2026-12-01T00:00:00Z"),
};
const grant = (patch: Partial<GrantFields>): GrantFields => ({ ...base, ...patch });

describe("grantWidening", () => {
  const cases: [string, GrantFields | null, GrantFields, boolean][] = [
    ["a new grant", null, base, true],
    ["no change", base, grant({}), false],
    ["broader operation glob", base, grant({ operationPattern: "github:pulls.*" }), true],
    ["any tool", base, grant({ operationPattern: "*:pulls.merge" }), true],
    ["narrower operation glob", grant({ operationPattern: "github:pulls.*" }), base, false],
    ["broader resource glob", base, grant({ resourcePatterns: ["repo:acme/*"] }), true],
    ["an extra resource", base, grant({ resourcePatterns: ["repo:acme/web", "repo:acme/api"] }), true],
    ["fewer resources", grant({ resourcePatterns: ["repo:acme/web", "repo:acme/api"] }), base, false],
    ["narrower resource glob", grant({ resourcePatterns: ["repo:acme/**"] }), base, false],
    ["params schema removed", base, grant({ paramsSchema: null }), true],
    ["params schema added", grant({ paramsSchema: null }), base, false],
    [
      "params schema changed (unprovable, so widening)",
      base,
      grant({ paramsSchema: { type: "object", properties: { number: { maximum: 50 } } } }),
      true,
    ],
    ["approval always → never", grant({ approval: "always" }), grant({ approval: "never" }), true],
    ["approval when → never", base, grant({ approval: "never" }), true],
    ["approval always → when", grant({ approval: "always" }), base, true],
    ["approval never → when", grant({ approval: "never" }), base, false],
    ["approval when → always", base, grant({ approval: "always" }), false],
    ["approval never → always", grant({ approval: "never" }), grant({ approval: "always" }), false],
    ["another approval condition", base, grant({ approval: { when: { type: "object" } } }), true],
    ["fewer approvers", base, grant({ approvers: 1 }), true],
    ["more approvers", base, grant({ approvers: 3 }), false],
    ["longer approval window", base, grant({ approvalTtlSeconds: 3600 }), true],
    ["shorter approval window", base, grant({ approvalTtlSeconds: 60 }), false],
    ["expiry removed", base, grant({ expiresAt: null }), true],
    ["expiry later", base, grant({ expiresAt: new Date("2027-01-01T00:00:00Z") }), true],
    ["expiry earlier", base, grant({ expiresAt: new Date("2026-11-25T00:00:00Z") }), false],
    ["expiry added", grant({ expiresAt: null }), base, false],
  ];
  it.each(cases)("%s → widening: %s", (_name, before, after, widens) => {
    expect(grantWidening(before, after).length > 0).toBe(widens);
  });

  it("names every reason", () => {
    expect(
      grantWidening(base, grant({ operationPattern: "github:*", approvers: 1, expiresAt: null })),
    ).toEqual(["allows more operations", "needs fewer approvers", "no longer expires"]);
  });
});

describe("quotaWidening", () => {
  const cases: [string, number | null, number | null, boolean][] = [
    ["higher limit", 20, 25, true],
    ["same limit", 20, 20, false],
    ["lower limit", 20, 5, false],
    ["quota removed", 20, null, true],
    ["quota added", null, 20, false],
    ["nothing to nothing", null, null, false],
  ];
  it.each(cases)("%s → widening: %s", (_name, before, after, widens) => {
    expect(quotaWidening(before, after).length > 0).toBe(widens);
  });
});

describe("autonomyWidening", () => {
  it.each([
    [2, 3, true],
    [0, 1, true],
    [2, 2, false],
    [3, 1, false],
  ])("%i → %i widening: %s", (before, after, widens) => {
    expect(autonomyWidening(before, after).length > 0).toBe(widens);
  });
});
