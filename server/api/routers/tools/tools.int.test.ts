import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { callerAs, createTestOrg, rand, type TestOrg } from "@/test/factories";
import { auditOf, failureOf, makeAgent, policyVersion } from "../scopes-test-helpers";

let org: TestOrg;
beforeAll(async () => {
  org = await createTestOrg();
});

describe("tool catalog", () => {
  it("creates tools and operations, updates and deletes them, with audit and policy bumps", async () => {
    const owner = callerAs(org.owner, org.id);
    const name = `github-${rand(3)}`;
    const v0 = await policyVersion(org.id);
    const { id: toolId } = await owner.tools.create({ name, description: "GitHub" });
    expect((await failureOf(owner.tools.create({ name }))).appCode).toBe("ALREADY_EXISTS");
    expect((await failureOf(owner.tools.create({ name: "Bad Name" }))).code).toBe("BAD_REQUEST");

    const { id: opId } = await owner.tools.addOperation({
      toolId,
      name: "pulls.merge",
      effect: "WRITE",
      inputSchema: { type: "object", properties: { number: { type: "integer" } } },
    });
    expect(
      (await failureOf(owner.tools.addOperation({ toolId, name: "pulls.merge", effect: "READ" }))).appCode,
    ).toBe("ALREADY_EXISTS");
    const badSchema = await failureOf(
      owner.tools.addOperation({ toolId, name: "x", effect: "READ", inputSchema: { type: "nope" } }),
    );
    expect(badSchema.issues.map((i) => i.path)).toEqual(["inputSchema"]);

    await owner.tools.updateOperation({
      id: opId,
      effect: "ADMIN",
      description: "Merge a PR",
      inputSchema: null,
    });
    const [tool] = (await owner.tools.list()).filter((t) => t.id === toolId);
    expect(tool).toEqual({
      id: toolId,
      name,
      description: "GitHub",
      source: "MANUAL",
      operations: [
        { id: opId, name: "pulls.merge", description: "Merge a PR", effect: "ADMIN", inputSchema: null },
      ],
    });

    await owner.tools.deleteOperation({ id: opId });
    await owner.tools.delete({ id: toolId });
    expect((await owner.tools.list()).some((t) => t.id === toolId)).toBe(false);
    expect(await policyVersion(org.id)).toBe(v0 + 5);
    expect((await auditOf(org.id, toolId)).map((a) => a.action)).toEqual(["tool.created", "tool.deleted"]);
    expect((await auditOf(org.id, opId)).map((a) => a.action)).toEqual([
      "operation.created",
      "operation.updated",
      "operation.deleted",
    ]);
  });

  it("imports an MCP tools/list, then re-imports without loosening effects", async () => {
    const security = callerAs(org.security, org.id);
    const toolName = `mcp-${rand(3)}`;
    const first = {
      tools: [
        {
          name: "list_issues",
          description: "List",
          inputSchema: { type: "object" },
          annotations: { readOnlyHint: true },
        },
        { name: "delete_repo", annotations: { destructiveHint: true } },
        { name: "create_issue" },
      ],
    };
    const result = await security.tools.importMcp({ toolName, json: JSON.stringify(first) });
    expect(result).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const tool = await db.tool.findUniqueOrThrow({
      where: { id: result.toolId },
      include: { operations: true },
    });
    expect(tool.source).toBe("MCP");
    expect(Object.fromEntries(tool.operations.map((o) => [o.name, o.effect]))).toEqual({
      list_issues: "READ",
      delete_repo: "DELETE",
      create_issue: "WRITE",
    });

    // The server now claims delete_repo is read-only and adds a tool: the effect stays DELETE.
    const second = {
      jsonrpc: "2.0",
      id: 7,
      result: {
        tools: [
          {
            name: "list_issues",
            description: "List",
            inputSchema: { type: "object" },
            annotations: { readOnlyHint: true },
          },
          { name: "delete_repo", description: "Deletes!", annotations: { readOnlyHint: true } },
          { name: "create_issue", annotations: { destructiveHint: true } },
          { name: "get_me", annotations: { readOnlyHint: true } },
        ],
      },
    };
    const again = await security.tools.importMcp({ toolName, json: JSON.stringify(second) });
    expect(again).toEqual({ toolId: result.toolId, created: 1, updated: 2, unchanged: 1 });
    const ops = await db.operation.findMany({ where: { toolId: result.toolId } });
    expect(Object.fromEntries(ops.map((o) => [o.name, o.effect]))).toEqual({
      list_issues: "READ",
      delete_repo: "DELETE",
      create_issue: "DELETE",
      get_me: "READ",
    });
    const audit = await auditOf(org.id, result.toolId);
    expect(audit.map((a) => a.action)).toEqual(["tool.imported", "tool.imported"]);
    expect(audit[1]!.after).toMatchObject({
      toolCreated: false,
      created: [{ name: "get_me", effect: "READ" }],
      unchanged: 1,
    });
  });

  it("imports into an existing manual tool and refuses bad documents atomically", async () => {
    const admin = callerAs(org.admin, org.id);
    const toolName = `manual-${rand(3)}`;
    const { id } = await admin.tools.create({ name: toolName });
    const result = await admin.tools.importMcp({
      toolName,
      json: JSON.stringify({ tools: [{ name: "a" }] }),
    });
    expect(result).toEqual({ toolId: id, created: 1, updated: 0, unchanged: 0 });

    const invalid = await failureOf(admin.tools.importMcp({ toolName, json: "{oops" }));
    expect(invalid).toMatchObject({ code: "BAD_REQUEST", appCode: "INVALID_REQUEST" });
    expect(invalid.message).toMatch(/not valid JSON/);
    const partlyBad = await failureOf(
      admin.tools.importMcp({ toolName, json: JSON.stringify({ tools: [{ name: "b" }, { name: "c d" }] }) }),
    );
    expect(partlyBad.issues.map((i) => i.path)).toEqual(["tools.1.name"]);
    expect(await db.operation.count({ where: { toolId: id } })).toBe(1);
    const big = await failureOf(
      admin.tools.importMcp({
        toolName,
        json: JSON.stringify({ tools: [{ name: "x", description: "d".repeat(1100000) }] }),
      }),
    );
    expect(big.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("keeps catalogs per org", async () => {
    const other = await createTestOrg();
    const { id: toolId } = await callerAs(org.admin, org.id).tools.create({ name: `mine-${rand(3)}` });
    const stranger = callerAs(other.admin, other.id);
    expect((await stranger.tools.list()).some((t) => t.id === toolId)).toBe(false);
    expect((await failureOf(stranger.tools.delete({ id: toolId }))).code).toBe("NOT_FOUND");
    expect((await failureOf(stranger.tools.addOperation({ toolId, name: "x", effect: "READ" }))).code).toBe(
      "NOT_FOUND",
    );
  });
});

describe("loosening the catalog (tools:loosen: ADMIN and SECURITY)", () => {
  /** A tool with one operation of `effect` that an agent's grant uses. */
  async function usedOperation(effect: "READ" | "WRITE" | "DELETE" | "SPEND" | "ADMIN") {
    const tool = await db.tool.create({ data: { orgId: org.id, name: `used-${rand(3)}` } });
    const op = await db.operation.create({
      data: { orgId: org.id, toolId: tool.id, name: "repos.delete", effect },
    });
    const agent = await makeAgent(org);
    await db.grant.create({
      data: {
        orgId: org.id,
        agentId: agent.id,
        operationPattern: `${tool.name}:*`,
        resourcePatterns: ["repo:acme/*"],
      },
    });
    return { tool, op };
  }
  const effectOf = async (id: string) =>
    (await db.operation.findUniqueOrThrow({ where: { id }, select: { effect: true } })).effect;

  it("an OWNER may raise an operation's effect class but not lower it; SECURITY may lower it", async () => {
    const { op } = await usedOperation("WRITE");
    const owner = callerAs(org.owner, org.id);
    const v0 = await policyVersion(org.id);

    await owner.tools.updateOperation({ id: op.id, effect: "DELETE" });
    expect(await effectOf(op.id)).toBe("DELETE");

    for (const effect of ["READ", "WRITE", "SPEND"] as const) {
      const refused = await failureOf(owner.tools.updateOperation({ id: op.id, effect }));
      expect(refused).toMatchObject({
        code: "FORBIDDEN",
        appCode: "FORBIDDEN",
        message:
          "Only admins and security can lower an operation's effect class: it loosens every agent's policy.",
      });
    }
    // Other fields stay an OWNER's to change, with the effect as it is.
    await owner.tools.updateOperation({ id: op.id, effect: "DELETE", description: "Deletes a repository" });
    expect(await effectOf(op.id)).toBe("DELETE");
    expect(await policyVersion(org.id)).toBe(v0 + 2);

    await callerAs(org.security, org.id).tools.updateOperation({ id: op.id, effect: "READ" });
    expect(await effectOf(op.id)).toBe("READ");
    expect(await policyVersion(org.id)).toBe(v0 + 3);
    const audit = await auditOf(org.id, op.id);
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([
      ["operation.updated", org.owner.email],
      ["operation.updated", org.owner.email],
      ["operation.updated", org.security.email],
    ]);
    expect(audit[2]).toMatchObject({ before: { effect: "DELETE" }, after: { effect: "READ" } });
  });

  it("an OWNER may delete an operation or tool no grant uses, not one that grants use", async () => {
    const owner = callerAs(org.owner, org.id);
    const { tool, op } = await usedOperation("DELETE");
    const unused = await db.operation.create({
      data: { orgId: org.id, toolId: tool.id, name: "repos.list", effect: "READ" },
    });
    // The grant is `<tool>:*`: it uses every operation of the tool, this one too.
    expect((await failureOf(owner.tools.deleteOperation({ id: unused.id }))).code).toBe("FORBIDDEN");
    const refused = await failureOf(owner.tools.deleteOperation({ id: op.id }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toMatch(
      /^Only admins and security can delete an operation that agents' grants use/,
    );
    expect((await failureOf(owner.tools.delete({ id: tool.id }))).message).toMatch(
      /^Only admins and security can delete a tool whose operations agents' grants use/,
    );
    expect(await db.operation.count({ where: { toolId: tool.id } })).toBe(2);
    expect(await auditOf(org.id, op.id)).toEqual([]);

    await callerAs(org.admin, org.id).tools.deleteOperation({ id: op.id });
    await callerAs(org.security, org.id).tools.delete({ id: tool.id });
    expect(await db.tool.count({ where: { id: tool.id } })).toBe(0);

    const { id: freeTool } = await owner.tools.create({ name: `free-${rand(3)}` });
    const { id: freeOp } = await owner.tools.addOperation({ toolId: freeTool, name: "x", effect: "WRITE" });
    await owner.tools.deleteOperation({ id: freeOp });
    await owner.tools.delete({ id: freeTool });
  });

  it("an OWNER may not delete a tool that has redaction rules", async () => {
    const owner = callerAs(org.owner, org.id);
    const { id: toolId } = await owner.tools.create({ name: `secret-${rand(3)}` });
    await owner.redaction.save({ toolId, part: "PARAMS", mode: "REDACT", paths: ["$.token"] });
    const refused = await failureOf(owner.tools.delete({ id: toolId }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toMatch(/^Only admins and security can delete a tool that has redaction rules/);
    await callerAs(org.admin, org.id).tools.delete({ id: toolId });
    expect(await db.redactionRule.count({ where: { toolId } })).toBe(0);
  });
});
