import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { orderSchemaKeys, renderFleetYaml } from "./render-fleet-yaml";

describe("orderSchemaKeys", () => {
  it("puts keywords in reading order and property names alphabetically", () => {
    const ordered = orderSchemaKeys({
      required: ["b"],
      properties: { type: { type: "string" }, b: { maximum: 3, type: "integer" }, a: { type: "string" } },
      type: "object",
      "x-note": 1,
    });
    expect(JSON.stringify(ordered)).toBe(
      JSON.stringify({
        type: "object",
        properties: { a: { type: "string" }, b: { type: "integer", maximum: 3 }, type: { type: "string" } },
        required: ["b"],
        "x-note": 1,
      }),
    );
  });
});

describe("renderFleetYaml", () => {
  const data = {
    org: "acme",
    members: [{ email: "a@acme.test", name: "Ada", roles: ["ADMIN"] }],
    agents: [
      {
        name: "bot",
        purpose: "Answers in #support: carefully",
        grants: [
          {
            operation: "slack:chat.*",
            resources: ["slack:#support"],
            params: { type: "object", properties: { text: { type: "string", maxLength: 4000 } } },
            approval: "never",
          },
        ],
        quotas: [{ metric: "calls", window: "run", limit: 5 }],
      },
    ],
  };

  it("writes YAML that reads back as the same data", () => {
    const text = renderFleetYaml(data, ["header"]);
    expect(text.startsWith("# header\norg: acme\n")).toBe(true);
    expect(parse(text)).toEqual(data);
  });

  it("writes small records on one line and quotes patterns", () => {
    const text = renderFleetYaml(data, ["header"]);
    expect(text).toContain("  - { email: a@acme.test, name: Ada, roles: [ ADMIN ] }");
    expect(text).toContain('      - operation: "slack:chat.*"');
    expect(text).toContain('        resources: [ "slack:#support" ]');
    expect(text).toContain("      - { metric: calls, window: run, limit: 5 }");
  });
});
