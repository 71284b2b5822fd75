import { describe, expect, it } from "vitest";
import { findCoveringGrant, type CoverableGrant } from "./grant-coverage";

const now = new Date("2026-01-01T00:00:00Z");
const base: CoverableGrant = {
  operationPattern: "github:*",
  resourcePatterns: ["repo:acme/*"],
  paramsSchema: null,
  approval: "never",
  approvers: 1,
  expiresAt: null,
};
const grant = (g: Partial<CoverableGrant>): CoverableGrant => ({ ...base, ...g });

describe("findCoveringGrant", () => {
  it("accepts a narrower operation and resources", () => {
    const child = grant({ operationPattern: "github:pulls.merge", resourcePatterns: ["repo:acme/web"] });
    expect(findCoveringGrant([base], child, now)).toEqual({ covered: true, parentIndex: 0 });
  });

  it("refuses a wider operation or an uncovered resource", () => {
    expect(findCoveringGrant([base], grant({ operationPattern: "*:*" }), now).covered).toBe(false);
    const result = findCoveringGrant(
      [base],
      grant({ resourcePatterns: ["repo:acme/web", "repo:other/x"] }),
      now,
    );
    expect(result).toMatchObject({
      covered: false,
      reason: expect.stringContaining("no current grant") as string,
    });
  });

  it("needs one parent grant to cover it all, not a union", () => {
    const parents = [grant({ resourcePatterns: ["repo:a"] }), grant({ resourcePatterns: ["repo:b"] })];
    expect(findCoveringGrant(parents, grant({ resourcePatterns: ["repo:a", "repo:b"] }), now).covered).toBe(
      false,
    );
    expect(findCoveringGrant(parents, grant({ resourcePatterns: ["repo:b"] }), now)).toEqual({
      covered: true,
      parentIndex: 1,
    });
  });

  it("ignores expired parent grants", () => {
    const expired = grant({ expiresAt: new Date("2025-12-31T00:00:00Z") });
    expect(
      findCoveringGrant([expired], grant({ expiresAt: new Date("2025-12-30T00:00:00Z") }), now).covered,
    ).toBe(false);
  });

  it("keeps parameters at least as narrow", () => {
    const schema = { type: "object", properties: { n: { maximum: 10 } } };
    const parent = grant({ paramsSchema: schema });
    expect(findCoveringGrant([parent], grant({}), now).covered).toBe(false);
    expect(findCoveringGrant([parent], grant({ paramsSchema: { ...schema } }), now).covered).toBe(true);
    expect(
      findCoveringGrant([parent], grant({ paramsSchema: { allOf: [schema, { required: ["n"] }] } }), now)
        .covered,
    ).toBe(true);
    expect(findCoveringGrant([parent], grant({ paramsSchema: { type: "object" } }), now)).toMatchObject({
      covered: false,
      reason: expect.stringContaining("JSON Schema") as string,
    });
  });

  it("keeps approval at least as strict", () => {
    const when = { properties: { amount: { minimum: 100 } } };
    const always2 = grant({ approval: "always", approvers: 2 });
    expect(findCoveringGrant([always2], grant({ approval: "always", approvers: 2 }), now).covered).toBe(true);
    expect(findCoveringGrant([always2], grant({ approval: "always", approvers: 1 }), now).covered).toBe(
      false,
    );
    expect(findCoveringGrant([always2], grant({ approval: { when }, approvers: 2 }), now).covered).toBe(
      false,
    );
    const whenParent = grant({ approval: { when } });
    expect(findCoveringGrant([whenParent], grant({ approval: { when } }), now).covered).toBe(true);
    expect(findCoveringGrant([whenParent], grant({ approval: "always" }), now).covered).toBe(true);
    expect(findCoveringGrant([whenParent], grant({ approval: "never" }), now).covered).toBe(false);
    expect(findCoveringGrant([base], grant({ approval: "always" }), now).covered).toBe(true);
  });

  it("expires no later than the parent", () => {
    const parent = grant({ expiresAt: new Date("2026-02-01T00:00:00Z") });
    expect(findCoveringGrant([parent], grant({}), now).covered).toBe(false);
    expect(
      findCoveringGrant([parent], grant({ expiresAt: new Date("2026-01-15T00:00:00Z") }), now).covered,
    ).toBe(true);
    expect(
      findCoveringGrant([parent], grant({ expiresAt: new Date("2026-03-01T00:00:00Z") }), now).covered,
    ).toBe(false);
  });
});
