import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { fleetEnvironments } from "./fleet-schema";
import { parseFleetFile, readFleetFile } from "./parse-fleet-file";

/** `expect.stringContaining`, typed as the string it stands for. */
const containing = (text: string) => expect.stringContaining(text) as string;

const demoFleet = fs.readFileSync(
  path.resolve(import.meta.dirname, "../../../prisma/demo-fleet.yaml"),
  "utf8",
);

function issuesOf(text: string) {
  const result = readFleetFile(text);
  if (result.ok) throw new Error("expected the file to be invalid");
  return result.issues;
}

const base = `
org: acme
members:
  - { email: owner@acme.test, name: Olivia Owner, roles: [OWNER] }
tools:
  - name: github
    operations:
      - { name: pulls.merge, effect: WRITE, inputSchema: { type: object, properties: { number: { type: integer } } } }
`;

describe("parseFleetFile", () => {
  it("reads the demo fleet with its defaults filled in", () => {
    const doc = parseFleetFile(demoFleet);
    expect(doc.org).toBe("acme");
    expect(doc.orgName).toBe("Acme Corp");
    expect(doc.members.map((m) => m.email)).toContain("dana@acme.test");
    expect(doc.agents.length).toBeGreaterThanOrEqual(5);
    const refunds = doc.agents.find((a) => a.name === "refund-assistant")!;
    const refund = refunds.grants.find((g) => g.operation === "stripe:refunds.create")!;
    expect(refund.approvers).toBe(2);
    expect(refund.approval).toEqual({
      when: {
        type: "object",
        properties: { amount: { type: "integer", minimum: 10001 } },
        required: ["amount"],
      },
    });
    const releaseBot = doc.agents.find((a) => a.name === "release-bot")!;
    expect(releaseBot.grants[0]).toMatchObject({
      approval: "never",
      approvers: 1,
      approvalTtlSeconds: 600,
      expiresAt: null,
    });
    expect(releaseBot.purpose).toContain("#releases");
  });

  it("defaults to dev, staging and prod when no environments are listed", () => {
    const doc = parseFleetFile(base);
    expect(fleetEnvironments(doc).map((e) => [e.name, e.production])).toEqual([
      ["dev", false],
      ["staging", false],
      ["prod", true],
    ]);
  });

  it("normalises e-mails to lower case and expiry dates to ISO strings", () => {
    const doc = parseFleetFile(`${base}
agents:
  - name: bot
    owner: Owner@ACME.test
    environment: dev
    autonomy: 1
    grants:
      - { operation: "github:pulls.merge", resources: ["repo:acme/web"], expiresAt: "2030-01-02T03:04:05+01:00" }
`);
    expect(doc.agents[0]!.owner).toBe("owner@acme.test");
    expect(doc.agents[0]!.grants[0]!.expiresAt).toBe("2030-01-02T02:04:05.000Z");
  });

  it("reports every shape problem at once, each at its path", () => {
    const issues = issuesOf(`
org: Acme Corp
members:
  - { email: not-an-email, roles: [BOSS] }
agents:
  - name: bot
    owner: owner@acme.test
    environment: dev
    autonomy: 7
  - name: helper
    environment: dev
    autonomy: 1
    grants:
      - { operation: github, resources: [] }
      - { operation: "github:pulls.merge", resources: ["repo:acme/web"], approval: sometimes, colour: blue }
    quotas:
      - { metric: calls, window: week, limit: -1 }
`);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: "org", message: containing("slug") },
        { path: "members[0].email", message: "must be an e-mail address" },
        { path: "members[0].roles[0]", message: "must be one of ADMIN, SECURITY, OWNER, AUDITOR" },
        { path: "agents[0].autonomy", message: containing("must be 0 (observe)") },
        { path: "agents[1].owner", message: "is required" },
        {
          path: "agents[1].grants[0].operation",
          message: "must look like tool:operation, e.g. github:pulls.*",
        },
        { path: "agents[1].grants[0].resources", message: containing("at least one resource") },
        { path: "agents[1].grants[1].approval", message: containing("never, always") },
        { path: "agents[1].grants[1].colour", message: "is not a known field" },
        { path: "agents[1].quotas[0].window", message: "must be one of run, hour, day" },
        { path: "agents[1].quotas[0].limit", message: "must be 0 or more" },
      ]),
    );
  });

  it("reports problems of meaning alongside problems of shape", () => {
    const issues = issuesOf(`${base}
  - name: github
    operations:
      - { name: pulls.merge, effect: WRITE }
      - { name: pulls.merge, effect: READ, inputSchema: { type: nonsense } }
agents:
  - { name: bot, owner: stranger@acme.test, environment: qa, autonomy: 1, parent: ghost }
  - { name: bot, owner: owner@acme.test, environment: dev, autonomy: 9 }
  - name: looper-a
    owner: owner@acme.test
    environment: dev
    autonomy: 1
    parent: looper-b
  - name: looper-b
    owner: owner@acme.test
    environment: dev
    autonomy: 1
    parent: looper-a
    quotas:
      - { metric: calls, window: run, limit: 5 }
      - { metric: calls, window: run, limit: 6 }
`);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: "agents[1].autonomy", message: containing("must be 0") },
        { path: "tools[1].name", message: 'the tool "github" is listed more than once' },
        {
          path: "tools[1].operations[1].name",
          message: '"pulls.merge" is listed more than once in this tool',
        },
        {
          path: "tools[1].operations[1].inputSchema",
          message: containing("not a valid JSON Schema"),
        },
        {
          path: "agents[0].owner",
          message: "stranger@acme.test is not listed under members; add them there first",
        },
        { path: "agents[0].environment", message: '"qa" is not an environment (known: dev, staging, prod)' },
        { path: "agents[0].parent", message: 'the agent "ghost" is not defined in this file' },
        { path: "agents[1].name", message: 'the agent "bot" is listed more than once' },
        { path: "agents[2].parent", message: "the parents of this agent form a loop" },
        { path: "agents[3].quotas[1]", message: "a quota on calls per run is already set for this agent" },
      ]),
    );
  });

  it("checks JSON Schemas in grants and approval rules", () => {
    const issues = issuesOf(`${base}
agents:
  - name: bot
    owner: owner@acme.test
    environment: dev
    autonomy: 1
    grants:
      - operation: "github:pulls.merge"
        resources: ["repo:acme/web", "repo:acme/web"]
        params: { type: object, properties: { number: { minimum: "one" } } }
        approval: { when: { type: 12 } }
      - operation: "github:pulls.merge"
        resources: ["!repo:acme/web"]
`);
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        "agents[0].grants[0].params",
        "agents[0].grants[0].approval.when",
        "agents[0].grants[0].resources[1]",
        "agents[0].grants[1].resources[0]",
      ]),
    );
  });

  it("keeps a sub-agent within its parent's grants and environment", () => {
    const issues = issuesOf(`${base}
agents:
  - name: parent
    owner: owner@acme.test
    environment: prod
    autonomy: 2
    grants:
      - { operation: "github:pulls.*", resources: ["repo:acme/*"] }
  - name: child
    owner: owner@acme.test
    environment: prod
    autonomy: 2
    parent: parent
    grants:
      - { operation: "github:pulls.merge", resources: ["repo:acme/web"] }
      - { operation: "github:repos.delete", resources: ["repo:acme/web"] }
  - name: stray
    owner: owner@acme.test
    environment: dev
    autonomy: 2
    parent: parent
`);
    expect(issues).toEqual([
      { path: "agents[1].grants[1]", message: containing("subset of its parent's grants") },
      { path: "agents[2].parent", message: "a sub-agent must live in its parent's environment (prod)" },
    ]);
  });

  it("names the path of a key set twice", () => {
    const issues = issuesOf(`org: acme
agents:
  - name: bot
    owner: a@acme.test
    name: bot2
`);
    expect(issues).toEqual([{ path: "agents[0].name", message: "is set more than once (line 5, column 5)" }]);
  });

  it("reports YAML syntax errors with their line", () => {
    const issues = issuesOf("org: [acme\n");
    expect(issues[0]!.path).toMatch(/^line \d+, column \d+$/);
    expect(issues[0]!.message).toMatch(/^is not valid YAML/);
  });

  it("refuses an empty file", () => {
    expect(issuesOf("")).toEqual([
      { path: "(file)", message: "must be a YAML mapping that starts with org: <slug>" },
    ]);
  });

  it("throws INVALID_FLEET_FILE carrying the issues", () => {
    try {
      parseFleetFile("org: acme\nagents: [{ name: x }]\n");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const appError = error as AppError;
      expect(appError.code).toBe("INVALID_FLEET_FILE");
      expect(appError.issues.map((i) => i.path)).toEqual([
        "agents[0].owner",
        "agents[0].environment",
        "agents[0].autonomy",
      ]);
    }
  });
});
