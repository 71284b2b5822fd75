// Who may call which agent, credential and read procedure, proven per role through the same
// tRPC procedures the console calls. The "scopes" procedures have their own matrix file.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPCError } from "@trpc/server";
import superjson from "superjson";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { appRouter } from "@/server/api/root";
import { type ChangeContext } from "@/server/domain/agents/change-context";
import { pauseAgent } from "@/server/domain/agents/pause-agent";
import { registerAgent } from "@/server/domain/agents/register-agent";
import { issueCredential } from "@/server/domain/credentials/issue-credential";
import { callerAs, createTestOrg, rand, type TestMember, type TestOrg } from "@/test/factories";

type Caller = ReturnType<typeof callerAs>;
const ROLES = ["admin", "security", "owner", "otherOwner", "auditor"] as const;
type RoleKey = (typeof ROLES)[number];

let org: TestOrg;
let setupCtx: ChangeContext;
beforeAll(async () => {
  org = await createTestOrg();
  setupCtx = { orgId: org.id, actor: { type: "CLI", id: null, label: "cli:test-setup" } };
});

const caller = (role: RoleKey, inOrg: TestOrg = org) => callerAs(inOrg[role], inOrg.id);

/** An agent owned by `owner`, made outside the procedures under test. */
async function agentOf(inOrg: TestOrg = org, status: "ACTIVE" | "PAUSED" = "ACTIVE") {
  const ctx = inOrg === org ? setupCtx : { ...setupCtx, orgId: inOrg.id };
  return db.$transaction(async (tx) => {
    const agent = await registerAgent(tx, ctx, {
      name: `bot-${rand()}`,
      ownerId: inOrg.owner.id,
      environmentId: inOrg.env.dev,
      autonomy: 1,
    });
    return status === "PAUSED" ? pauseAgent(tx, ctx, { id: agent.id, reason: "set-up" }) : agent;
  });
}

async function credentialOf(inOrg: TestOrg = org) {
  const agent = await agentOf(inOrg);
  const ctx = inOrg === org ? setupCtx : { ...setupCtx, orgId: inOrg.id };
  const { credential } = await db.$transaction((tx) => issueCredential(tx, { ...ctx, agentId: agent.id }));
  return { agent, credential };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error.code;
}

type Case = {
  name: string;
  allowed: RoleKey[];
  prepare: (role: RoleKey) => Promise<unknown>;
  call: (c: Caller, prepared: never, role: RoleKey) => Promise<unknown>;
};

const MANAGERS: RoleKey[] = ["admin", "security", "owner"];
const newName = () => `made-${rand()}`;

const CASES: Case[] = [
  {
    name: "agents.create (owning it themselves)",
    allowed: ["admin", "owner", "otherOwner"],
    prepare: () => Promise.resolve(null),
    call: (c) => c.agents.create({ name: newName(), environmentId: org.env.dev, autonomy: 1 }),
  },
  {
    name: "agents.create for another owner",
    allowed: ["admin"],
    prepare: () => Promise.resolve(null),
    call: (c, _p, role) =>
      c.agents.create({
        name: newName(),
        environmentId: org.env.dev,
        autonomy: 1,
        ownerId: role === "owner" ? org.otherOwner.id : org.owner.id,
      }),
  },
  {
    name: "agents.update (purpose, autonomy)",
    allowed: MANAGERS,
    prepare: () => agentOf(),
    call: (c, agent: { id: string }) => c.agents.update({ id: agent.id, purpose: "changed", autonomy: 3 }),
  },
  {
    name: "agents.update (hand to another owner)",
    allowed: ["admin"],
    prepare: () => agentOf(),
    call: (c, agent: { id: string }) => c.agents.update({ id: agent.id, ownerId: org.otherOwner.id }),
  },
  {
    name: "agents.pause",
    allowed: MANAGERS,
    prepare: () => agentOf(),
    call: (c, agent: { id: string }) => c.agents.pause({ id: agent.id, reason: "matrix" }),
  },
  {
    name: "agents.resume",
    allowed: MANAGERS,
    prepare: () => agentOf(org, "PAUSED"),
    call: (c, agent: { id: string }) => c.agents.resume({ id: agent.id, reason: "matrix" }),
  },
  {
    name: "agents.decommission",
    allowed: MANAGERS,
    prepare: () => agentOf(),
    call: (c, agent: { id: string; name: string }) =>
      c.agents.decommission({ id: agent.id, reason: "matrix", confirmName: agent.name }),
  },
  {
    name: "credentials.issue",
    allowed: MANAGERS,
    prepare: () => agentOf(),
    call: (c, agent: { id: string }) =>
      c.credentials.issue({ agentId: agent.id, label: "matrix", expiresInDays: 30 }),
  },
  {
    name: "credentials.rotate",
    allowed: MANAGERS,
    prepare: () => credentialOf(),
    call: (c, p: { credential: { id: string } }) =>
      c.credentials.rotate({ credentialId: p.credential.id, graceSeconds: 60 }),
  },
  {
    name: "credentials.revoke",
    allowed: MANAGERS,
    prepare: () => credentialOf(),
    call: (c, p: { credential: { id: string } }) =>
      c.credentials.revoke({ credentialId: p.credential.id, reason: "matrix" }),
  },
];

const auditCount = () => db.auditEvent.count({ where: { orgId: org.id } });

describe.each(CASES)("$name", (testCase) => {
  it.each(ROLES)("%s", async (role) => {
    const prepared = await testCase.prepare(role);
    const eventsBefore = await auditCount();
    const attempt = testCase.call(caller(role), prepared as never, role);
    if (testCase.allowed.includes(role)) {
      await expect(attempt).resolves.toBeDefined();
      expect(await auditCount()).toBe(eventsBefore + 1);
    } else {
      expect(await codeOf(attempt)).toBe("FORBIDDEN");
      // A refused change leaves no trace but the refusal.
      expect(await auditCount()).toBe(eventsBefore);
    }
  });
});

describe("reads", () => {
  it.each(ROLES)(
    "%s can read agents, credentials, environments, members and the audit trail",
    async (role) => {
      const { agent } = await credentialOf();
      const c = caller(role);
      const list = await c.agents.list({ search: agent.name.toUpperCase() });
      expect(list.items.map((a) => a.id)).toEqual([agent.id]);
      expect(list.items[0]).toMatchObject({
        grantCount: 0,
        activeCredentialCount: 1,
        owner: { id: org.owner.id },
      });
      expect(list.canCreate).toBe(["admin", "owner", "otherOwner"].includes(role));

      const detail = await c.agents.get({ id: agent.id });
      expect(detail.canManage).toBe(MANAGERS.includes(role));
      const options = await c.agents.formOptions({});
      expect(options.me).toEqual({ memberId: org[role].id, canChooseOwner: role === "admin" });
      expect(options.owners.map((o) => o.id).sort()).toEqual(
        [org.admin.id, org.owner.id, org.otherOwner.id].sort(),
      );

      const credentials = await c.credentials.list({ agentId: agent.id });
      expect(credentials).toHaveLength(1);
      expect(credentials[0]).not.toHaveProperty("secretHash");
      expect((await c.environments.list()).map((e) => e.name)).toEqual(["dev", "prod", "staging"]);
      expect(await c.members.list()).toHaveLength(5);
      const audit = await c.audit.list({ agentId: agent.id });
      expect(audit.items.map((e) => e.action)).toEqual(["credential.issued", "agent.created"]);
    },
  );
});

describe("another org's ids", () => {
  it("are not found, for reads and changes alike, and change nothing", async () => {
    const stranger = await createTestOrg();
    const { agent, credential } = await credentialOf();
    const c = caller("admin", stranger);
    const attempts: [string, () => Promise<unknown>][] = [
      ["agents.get", () => c.agents.get({ id: agent.id })],
      ["agents.update", () => c.agents.update({ id: agent.id, purpose: "hijacked" })],
      ["agents.pause", () => c.agents.pause({ id: agent.id, reason: "x" })],
      [
        "agents.decommission",
        () => c.agents.decommission({ id: agent.id, reason: "x", confirmName: agent.name }),
      ],
      ["credentials.list", () => c.credentials.list({ agentId: agent.id })],
      ["credentials.issue", () => c.credentials.issue({ agentId: agent.id })],
      ["credentials.rotate", () => c.credentials.rotate({ credentialId: credential.id, graceSeconds: 0 })],
      ["credentials.revoke", () => c.credentials.revoke({ credentialId: credential.id, reason: "x" })],
      ["audit.list", () => c.audit.list({ agentId: agent.id })],
    ];
    for (const [name, attempt] of attempts)
      expect([name, await codeOf(attempt())]).toEqual([name, "NOT_FOUND"]);
    expect((await c.agents.list({})).items).toEqual([]);
    expect(await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).toMatchObject({
      status: "ACTIVE",
      purpose: "",
    });
  });
});

describe("validation errors", () => {
  async function post(member: TestMember, path: string, input: unknown) {
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request(`http://localhost/api/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(superjson.serialize(input)),
      }),
      router: appRouter,
      createContext: () => ({
        user: { id: member.userId, email: member.email, name: member.email },
        requestedOrgId: org.id,
      }),
    });
    const body = (await response.json()) as { error: Parameters<typeof superjson.deserialize>[0] };
    const error = superjson.deserialize<{
      message: string;
      data: { code: string; appCode?: string; issues?: unknown };
    }>(body.error);
    return { status: response.status, error };
  }

  it("come back as BAD_REQUEST with the fields' issues, from zod and from the domain", async () => {
    const invalid = await post(org.owner, "agents.create", {
      name: "Not A Slug",
      environmentId: org.env.dev,
      autonomy: 7,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.error.data).toMatchObject({ code: "BAD_REQUEST", appCode: "INVALID_REQUEST" });
    expect(invalid.error.data.issues).toEqual(
      expect.arrayContaining([
        { path: "name", message: expect.stringContaining("lower-case") as string },
        { path: "autonomy", message: expect.any(String) as string },
      ]),
    );

    const parent = await agentOf();
    const wrongEnv = await post(org.owner, "agents.create", {
      name: newName(),
      environmentId: org.env.prod,
      autonomy: 1,
      parentId: parent.id,
    });
    expect(wrongEnv.status).toBe(400);
    expect(wrongEnv.error.data).toMatchObject({
      code: "BAD_REQUEST",
      appCode: "INVALID_REQUEST",
      issues: [{ path: "parentId", message: expect.stringContaining("parent's environment") as string }],
    });

    const taken = await post(org.owner, "agents.create", {
      name: parent.name,
      environmentId: org.env.dev,
      autonomy: 1,
    });
    expect(taken.status).toBe(409);
    expect(taken.error.data).toMatchObject({ appCode: "ALREADY_EXISTS", issues: [{ path: "name" }] });

    expect(
      await codeOf(caller("owner").credentials.rotate({ credentialId: "crd_x", graceSeconds: -1 })),
    ).toBe("BAD_REQUEST");
  });
});

describe("audit.list", () => {
  it("pages through an agent's events, including its credentials'", async () => {
    const { agent, credential } = await credentialOf();
    const c = caller("auditor");
    await caller("owner").credentials.rotate({ credentialId: credential.id, graceSeconds: 0 });
    await caller("security").agents.pause({ id: agent.id, reason: "paging" });

    const first = await c.audit.list({ agentId: agent.id, limit: 2 });
    expect(first.items.map((e) => e.action)).toEqual(["agent.paused", "credential.rotated"]);
    expect(first.nextCursor).toBe(first.items[1]!.id);
    const second = await c.audit.list({ agentId: agent.id, limit: 2, cursor: first.nextCursor });
    expect(second.items.map((e) => e.action)).toEqual(["credential.issued", "agent.created"]);
    expect(second.nextCursor).toBeNull();

    const byTarget = await c.audit.list({ targetType: "credential", targetId: credential.id });
    expect(byTarget.items.map((e) => e.action)).toEqual(["credential.rotated", "credential.issued"]);
  });
});
