// Who may call which grants, quotas, tools and redaction procedure, proven per role through the
// same tRPC procedures the console calls. Agent-scoped changes: the agent's owner, ADMIN and
// SECURITY; catalog changes: tools:write (ADMIN, SECURITY, OWNER), except those that loosen the
// org-wide catalog or redaction rules: tools:loosen (ADMIN, SECURITY); reads: every role; AUDITOR
// changes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { callerAs, createTestOrg, rand, type TestOrg } from "@/test/factories";
import { failureOf, makeAgent } from "./scopes-test-helpers";

const ROLES = ["admin", "security", "owner", "otherOwner", "auditor"] as const;
type RoleKey = (typeof ROLES)[number];
type Caller = ReturnType<typeof callerAs>;

let org: TestOrg;
beforeAll(async () => {
  org = await createTestOrg();
});

/** Fresh rows for each call, owned by `owner`, so that one role's success cannot affect another's case. */
async function fixture() {
  const agent = await makeAgent(org);
  const grant = await db.grant.create({
    data: {
      orgId: org.id,
      agentId: agent.id,
      operationPattern: "github:*",
      resourcePatterns: ["repo:acme/*"],
    },
  });
  const quota = await db.quota.create({
    data: { orgId: org.id, agentId: agent.id, metric: "calls", window: "day", limit: 10n },
  });
  const tool = await db.tool.create({ data: { orgId: org.id, name: `tool-${rand()}` } });
  const operation = await db.operation.create({
    data: { orgId: org.id, toolId: tool.id, name: "thing.do", effect: "WRITE" },
  });
  // A tool that agents' grants use, with a redaction rule: what loosening is about.
  const usedTool = await db.tool.create({ data: { orgId: org.id, name: `used-${rand()}` } });
  const usedOperation = await db.operation.create({
    data: { orgId: org.id, toolId: usedTool.id, name: "repos.delete", effect: "DELETE" },
  });
  await db.grant.create({
    data: {
      orgId: org.id,
      agentId: agent.id,
      operationPattern: `${usedTool.name}:repos.*`,
      resourcePatterns: ["repo:acme/*"],
    },
  });
  const rule = await db.redactionRule.create({
    data: { orgId: org.id, toolId: usedTool.id, part: "PARAMS", mode: "REDACT", paths: ["$.token"] },
  });
  return { agent, grant, quota, tool, operation, usedTool, usedOperation, rule };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;

type Case = {
  name: string;
  allowed: readonly RoleKey[];
  call: (caller: Caller, f: Fixture) => Promise<unknown>;
};

const AGENT_CHANGERS = ["admin", "security", "owner"] as const;
const TOOL_WRITERS = ["admin", "security", "owner", "otherOwner"] as const;
const CATALOG_LOOSENERS = ["admin", "security"] as const;

const cases: Case[] = [
  { name: "grants.list", allowed: ROLES, call: (c, f) => c.grants.list({ agentId: f.agent.id }) },
  {
    name: "grants.create",
    allowed: AGENT_CHANGERS,
    call: (c, f) =>
      c.grants.create({
        agentId: f.agent.id,
        operationPattern: "slack:*",
        resourcePatterns: ["slack:#ops"],
        approval: "never",
        approvers: 1,
      }),
  },
  {
    name: "grants.update",
    allowed: AGENT_CHANGERS,
    call: (c, f) => c.grants.update({ id: f.grant.id, approvers: 2 }),
  },
  { name: "grants.delete", allowed: AGENT_CHANGERS, call: (c, f) => c.grants.delete({ id: f.grant.id }) },
  { name: "quotas.list", allowed: ROLES, call: (c, f) => c.quotas.list({ agentId: f.agent.id }) },
  {
    name: "quotas.upsert",
    allowed: AGENT_CHANGERS,
    call: (c, f) => c.quotas.upsert({ agentId: f.agent.id, metric: "writes", window: "hour", limit: 5 }),
  },
  { name: "quotas.delete", allowed: AGENT_CHANGERS, call: (c, f) => c.quotas.delete({ id: f.quota.id }) },
  { name: "tools.list", allowed: ROLES, call: (c) => c.tools.list() },
  { name: "tools.create", allowed: TOOL_WRITERS, call: (c) => c.tools.create({ name: `t-${rand()}` }) },
  {
    name: "tools.delete (no grant uses it, no redaction rule)",
    allowed: TOOL_WRITERS,
    call: (c, f) => c.tools.delete({ id: f.tool.id }),
  },
  {
    name: "tools.delete (grants use it, it has a redaction rule)",
    allowed: CATALOG_LOOSENERS,
    call: (c, f) => c.tools.delete({ id: f.usedTool.id }),
  },
  {
    name: "tools.addOperation",
    allowed: TOOL_WRITERS,
    call: (c, f) => c.tools.addOperation({ toolId: f.tool.id, name: "other.op", effect: "READ" }),
  },
  {
    name: "tools.updateOperation (raising the effect, WRITE → DELETE)",
    allowed: TOOL_WRITERS,
    call: (c, f) => c.tools.updateOperation({ id: f.operation.id, effect: "DELETE" }),
  },
  {
    name: "tools.updateOperation (lowering the effect, DELETE → READ)",
    allowed: CATALOG_LOOSENERS,
    call: (c, f) => c.tools.updateOperation({ id: f.usedOperation.id, effect: "READ" }),
  },
  {
    name: "tools.updateOperation (DELETE → SPEND: guarded agents lose the approval)",
    allowed: CATALOG_LOOSENERS,
    call: (c, f) => c.tools.updateOperation({ id: f.usedOperation.id, effect: "SPEND" }),
  },
  {
    name: "tools.deleteOperation (no grant uses it)",
    allowed: TOOL_WRITERS,
    call: (c, f) => c.tools.deleteOperation({ id: f.operation.id }),
  },
  {
    name: "tools.deleteOperation (a grant uses it)",
    allowed: CATALOG_LOOSENERS,
    call: (c, f) => c.tools.deleteOperation({ id: f.usedOperation.id }),
  },
  {
    name: "tools.importMcp",
    allowed: TOOL_WRITERS,
    call: (c, f) =>
      c.tools.importMcp({ toolName: f.tool.name, json: JSON.stringify({ tools: [{ name: "x" }] }) }),
  },
  { name: "redaction.list", allowed: ROLES, call: (c) => c.redaction.list() },
  {
    name: "redaction.save (a new rule)",
    allowed: TOOL_WRITERS,
    call: (c, f) =>
      c.redaction.save({ toolId: f.tool.id, part: "RESULT", mode: "FINGERPRINT", paths: ["$.id"] }),
  },
  {
    name: "redaction.save (stricter: one more path)",
    allowed: TOOL_WRITERS,
    call: (c, f) =>
      c.redaction.save({
        id: f.rule.id,
        toolId: f.usedTool.id,
        part: "PARAMS",
        mode: "REDACT",
        paths: ["$.token", "$.password"],
      }),
  },
  {
    name: "redaction.save (weaker: redact → fingerprint)",
    allowed: CATALOG_LOOSENERS,
    call: (c, f) =>
      c.redaction.save({
        id: f.rule.id,
        toolId: f.usedTool.id,
        part: "PARAMS",
        mode: "FINGERPRINT",
        paths: ["$.token"],
      }),
  },
  {
    name: "redaction.delete",
    allowed: CATALOG_LOOSENERS,
    call: (c, f) => c.redaction.delete({ id: f.rule.id }),
  },
];

describe("scopes role matrix", () => {
  for (const testCase of cases) {
    it(`${testCase.name}: allowed for ${testCase.allowed.join(", ")}, FORBIDDEN for the rest`, async () => {
      for (const role of ROLES) {
        const f = await fixture();
        const caller = callerAs(org[role], org.id);
        if (testCase.allowed.includes(role)) {
          await expect(testCase.call(caller, f), `${role} should be allowed`).resolves.toBeDefined();
        } else {
          const failure = await failureOf(testCase.call(caller, f));
          expect(failure.code, `${role} should be forbidden`).toBe("FORBIDDEN");
        }
      }
    });
  }

  it("an AUDITOR's refused change leaves no trace", async () => {
    const f = await fixture();
    const auditor = callerAs(org.auditor, org.id);
    const before = await db.auditEvent.count({ where: { orgId: org.id } });
    await failureOf(auditor.grants.delete({ id: f.grant.id }));
    await failureOf(auditor.tools.delete({ id: f.tool.id }));
    expect(await db.grant.count({ where: { id: f.grant.id } })).toBe(1);
    expect(await db.tool.count({ where: { id: f.tool.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { orgId: org.id } })).toBe(before);
  });
});

describe("input limits", () => {
  it("refuses ids longer than 100 characters before touching the database", async () => {
    const admin = callerAs(org.admin, org.id);
    const long = "x".repeat(101);
    const attempts: [string, () => Promise<unknown>][] = [
      ["grants.list", () => admin.grants.list({ agentId: long })],
      [
        "grants.create",
        () =>
          admin.grants.create({
            agentId: long,
            operationPattern: "github:*",
            resourcePatterns: ["repo:acme/*"],
            approval: "never",
            approvers: 1,
          }),
      ],
      ["grants.update", () => admin.grants.update({ id: long, approvers: 2 })],
      ["grants.delete", () => admin.grants.delete({ id: long })],
      ["quotas.list", () => admin.quotas.list({ agentId: long })],
      [
        "quotas.upsert",
        () => admin.quotas.upsert({ agentId: long, metric: "calls", window: "day", limit: 1 }),
      ],
      ["quotas.delete", () => admin.quotas.delete({ id: long })],
      ["tools.delete", () => admin.tools.delete({ id: long })],
      ["tools.addOperation", () => admin.tools.addOperation({ toolId: long, name: "x", effect: "READ" })],
      ["tools.updateOperation", () => admin.tools.updateOperation({ id: long, effect: "READ" })],
      ["tools.deleteOperation", () => admin.tools.deleteOperation({ id: long })],
      ["redaction.delete", () => admin.redaction.delete({ id: long })],
    ];
    for (const [name, attempt] of attempts) {
      expect([name, (await failureOf(attempt())).code]).toEqual([name, "BAD_REQUEST"]);
    }
  });
});
