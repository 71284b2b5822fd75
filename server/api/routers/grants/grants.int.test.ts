import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { callerAs, createTestOrg, type TestOrg } from "@/test/factories";
import { auditOf, failureOf, makeAgent, policyVersion } from "../scopes-test-helpers";

let org: TestOrg;
beforeAll(async () => {
  org = await createTestOrg();
});

const grantInput = (agentId: string) => ({
  agentId,
  operationPattern: "github:pulls.*",
  resourcePatterns: ["repo:acme/*"],
  approval: "never" as const,
  approvers: 1,
});

describe("grants", () => {
  it("creates, lists, updates and deletes a grant with audit and policy bumps", async () => {
    const agent = await makeAgent(org);
    const owner = callerAs(org.owner, org.id);
    const tool = await db.tool.create({ data: { orgId: org.id, name: `gh-${agent.id.slice(-6)}` } });
    await db.operation.createMany({
      data: [
        { orgId: org.id, toolId: tool.id, name: "pulls.merge", effect: "WRITE" },
        { orgId: org.id, toolId: tool.id, name: "pulls.get", effect: "READ" },
        { orgId: org.id, toolId: tool.id, name: "repos.delete", effect: "DELETE" },
      ],
    });

    const v0 = await policyVersion(org.id);
    const { id } = await owner.grants.create({
      ...grantInput(agent.id),
      operationPattern: `${tool.name}:pulls.*`,
      paramsSchema: { type: "object", properties: { number: { type: "integer", maximum: 10000 } } },
      approval: { when: { properties: { number: { minimum: 100 } }, required: ["number"] } },
      approvers: 2,
    });
    expect(await policyVersion(org.id)).toBe(v0 + 1);

    const [listed] = await owner.grants.list({ agentId: agent.id });
    expect(listed).toMatchObject({
      id,
      operationPattern: `${tool.name}:pulls.*`,
      resourcePatterns: ["repo:acme/*"],
      approval: { when: { properties: { number: { minimum: 100 } }, required: ["number"] } },
      approvers: 2,
      approvalTtlSeconds: 600,
      expiresAt: null,
      expired: false,
    });
    expect(listed!.matchedOperations).toEqual([
      { tool: tool.name, operation: "pulls.get", effect: "READ" },
      { tool: tool.name, operation: "pulls.merge", effect: "WRITE" },
    ]);

    await owner.grants.update({
      id,
      approval: "always",
      paramsSchema: null,
      resourcePatterns: ["repo:acme/web"],
    });
    const [updated] = await owner.grants.list({ agentId: agent.id });
    expect(updated).toMatchObject({
      approval: "always",
      paramsSchema: null,
      resourcePatterns: ["repo:acme/web"],
    });
    expect(await policyVersion(org.id)).toBe(v0 + 2);

    // A no-op update changes nothing and records nothing.
    await owner.grants.update({ id, approvers: 2 });
    expect(await policyVersion(org.id)).toBe(v0 + 2);

    await owner.grants.delete({ id });
    expect(await owner.grants.list({ agentId: agent.id })).toEqual([]);
    expect(await policyVersion(org.id)).toBe(v0 + 3);

    const audit = await auditOf(org.id, id);
    expect(audit.map((a) => a.action)).toEqual(["grant.created", "grant.updated", "grant.deleted"]);
    expect(audit[0]).toMatchObject({
      actorLabel: org.owner.email,
      before: null,
      after: { agentId: agent.id },
    });
    expect(audit[1]).toMatchObject({
      before: { agentId: agent.id, approval: { when: {} } },
      after: { agentId: agent.id, approval: "always" },
    });
    expect(audit[2]).toMatchObject({ before: { agentId: agent.id }, after: null });
  });

  it("reports a grant that matches no catalog operation and marks expired ones", async () => {
    const agent = await makeAgent(org);
    const admin = callerAs(org.admin, org.id);
    const { id } = await admin.grants.create({
      ...grantInput(agent.id),
      operationPattern: "nosuchtool:*",
      expiresAt: new Date(Date.now() + 60_000),
    });
    await db.grant.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const [grant] = await admin.grants.list({ agentId: agent.id });
    expect(grant).toMatchObject({ matchedOperations: [], expired: true });
  });

  it("refuses schemas that do not compile, at the field path", async () => {
    const agent = await makeAgent(org);
    const owner = callerAs(org.owner, org.id);
    const params = await failureOf(
      owner.grants.create({ ...grantInput(agent.id), paramsSchema: { type: "strung" } }),
    );
    expect(params).toMatchObject({ code: "BAD_REQUEST", appCode: "INVALID_REQUEST" });
    expect(params.issues).toEqual([
      { path: "paramsSchema", message: expect.stringMatching(/JSON Schema/) as string },
    ]);
    const when = await failureOf(
      owner.grants.create({ ...grantInput(agent.id), approval: { when: { $ref: "#/nowhere" } } }),
    );
    expect(when.issues.map((i) => i.path)).toEqual(["approval.when"]);
    expect(await db.grant.count({ where: { agentId: agent.id } })).toBe(0);
  });

  it("validates patterns, expiry and ranges", async () => {
    const agent = await makeAgent(org);
    const owner = callerAs(org.owner, org.id);
    const bad = await failureOf(
      owner.grants.create({
        ...grantInput(agent.id),
        operationPattern: "github",
        resourcePatterns: ["repo:acme/*", "!repo:secret", "has space"],
        expiresAt: new Date(Date.now() - 1000),
      }),
    );
    expect(bad.appCode).toBe("INVALID_REQUEST");
    expect(bad.issues.map((i) => i.path)).toEqual([
      "operationPattern",
      "resourcePatterns.1",
      "resourcePatterns.2",
      "expiresAt",
    ]);
    // Shape and range errors are caught by the input schema.
    const range = await failureOf(
      owner.grants.create({ ...grantInput(agent.id), approvers: 6, resourcePatterns: [] }),
    );
    expect(range.code).toBe("BAD_REQUEST");
  });

  it("keeps a sub-agent within its parent's grants", async () => {
    const parent = await makeAgent(org);
    const child = await makeAgent(org, { parentId: parent.id });
    const owner = callerAs(org.owner, org.id);
    await owner.grants.create({
      ...grantInput(parent.id),
      operationPattern: "github:*",
      resourcePatterns: ["repo:acme/**"],
    });

    const { id } = await owner.grants.create({
      ...grantInput(child.id),
      operationPattern: "github:pulls.merge",
      resourcePatterns: ["repo:acme/web", "repo:acme/api/*"],
    });
    const wider = await failureOf(owner.grants.create({ ...grantInput(child.id), operationPattern: "*:*" }));
    expect(wider.appCode).toBe("INVALID_REQUEST");
    expect(wider.message).toMatch(/^A sub-agent can only hold a subset of its parent's grants: /);
    const otherResource = await failureOf(
      owner.grants.create({ ...grantInput(child.id), resourcePatterns: ["repo:acme/web", "repo:other/x"] }),
    );
    expect(otherResource.appCode).toBe("INVALID_REQUEST");
    const widening = await failureOf(owner.grants.update({ id, operationPattern: "slack:*" }));
    expect(widening.appCode).toBe("INVALID_REQUEST");
    expect(await db.grant.count({ where: { agentId: child.id } })).toBe(1);
  });

  it("refuses changes to a decommissioned agent and hides other orgs' agents", async () => {
    const gone = await makeAgent(org, { status: "DECOMMISSIONED" });
    const admin = callerAs(org.admin, org.id);
    expect((await failureOf(admin.grants.create(grantInput(gone.id)))).code).toBe("PRECONDITION_FAILED");

    const live = await makeAgent(org);
    const { id } = await admin.grants.create(grantInput(live.id));
    await db.agent.update({ where: { id: live.id }, data: { status: "DECOMMISSIONED" } });
    expect((await failureOf(admin.grants.update({ id, approvers: 2 }))).code).toBe("PRECONDITION_FAILED");
    expect((await failureOf(admin.grants.delete({ id }))).code).toBe("PRECONDITION_FAILED");
    expect(await admin.grants.list({ agentId: live.id })).toHaveLength(1);

    const other = await createTestOrg();
    const stranger = callerAs(other.admin, other.id);
    expect((await failureOf(stranger.grants.list({ agentId: live.id }))).code).toBe("NOT_FOUND");
    expect((await failureOf(stranger.grants.create(grantInput(live.id)))).code).toBe("NOT_FOUND");
    expect((await failureOf(stranger.grants.delete({ id }))).code).toBe("NOT_FOUND");
  });
});
