// Environments: adding one and marking it production or not, audited and reloading policy.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { memberContext, type ChangeContext } from "@/server/domain/agents/change-context";
import { registerAgent } from "@/server/domain/agents/register-agent";
import { createEnvironment } from "@/server/domain/environments/create-environment";
import { updateEnvironment } from "@/server/domain/environments/update-environment";
import { AppError } from "@/server/domain/errors";
import { createTestOrg, rand, type TestOrg } from "@/test/factories";

let org: TestOrg;
let asAdmin: ChangeContext;
beforeEach(async () => {
  org = await createTestOrg();
  asAdmin = memberContext({ ...org.admin, orgId: org.id });
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

const create = (name: string, isProduction = false, ctx = asAdmin) =>
  db.$transaction((tx) => createEnvironment(tx, ctx, { name, isProduction }));
const update = (id: string, isProduction: boolean, ctx = asAdmin) =>
  db.$transaction((tx) => updateEnvironment(tx, ctx, { id, isProduction }));
const policyVersion = async () =>
  (await db.organization.findUniqueOrThrow({ where: { id: org.id }, select: { policyVersion: true } }))
    .policyVersion;
const events = (targetId: string) =>
  db.auditEvent.findMany({ where: { orgId: org.id, targetId }, orderBy: { seq: "asc" } });

describe("createEnvironment", () => {
  it("adds an environment, records it and reloads policy", async () => {
    const version = await policyVersion();
    const environment = await create("eu-prod", true);
    expect(environment).toMatchObject({ name: "eu-prod", isProduction: true });
    expect(await policyVersion()).toBe(version + 1);
    expect(await events(environment.id)).toMatchObject([
      {
        action: "environment.created",
        actorLabel: org.admin.email,
        after: { name: "eu-prod", isProduction: true },
      },
    ]);
  });

  it("refuses a name in use, on the name field, and names that are not slugs", async () => {
    const taken = await failure(create("staging"));
    expect(taken.code).toBe("ALREADY_EXISTS");
    expect(taken.issues).toEqual([{ path: "name", message: expect.stringContaining("staging") as string }]);
    for (const name of ["Prod", "1st", "eu_prod", "a".repeat(32), ""]) {
      const error = await failure(create(name));
      expect([name, error.code, error.issues[0]?.path]).toEqual([name, "INVALID_REQUEST", "name"]);
    }
    await expect(create(`a${"b".repeat(30)}`)).resolves.toBeDefined();
  });

  it("is for admins only", async () => {
    const asSecurity = memberContext({ ...org.security, orgId: org.id });
    expect((await failure(create(`x-${rand(2)}`, false, asSecurity))).code).toBe("FORBIDDEN");
  });
});

describe("updateEnvironment", () => {
  it("records the loosening of a production environment with the agents it touches", async () => {
    await db.$transaction((tx) =>
      registerAgent(tx, asAdmin, {
        name: `bot-${rand()}`,
        ownerId: org.owner.id,
        environmentId: org.env.prod,
        autonomy: 1,
      }),
    );
    const version = await policyVersion();
    await expect(update(org.env.prod, false)).resolves.toEqual({ id: org.env.prod, isProduction: false });
    expect(await policyVersion()).toBe(version + 1);
    expect(await events(org.env.prod)).toMatchObject([
      {
        action: "environment.updated",
        before: { name: "prod", isProduction: true },
        after: { name: "prod", isProduction: false, agentsInService: 1, loosened: true },
      },
    ]);

    await update(org.env.prod, true);
    expect((await events(org.env.prod))[1]).toMatchObject({ after: { isProduction: true, loosened: false } });
  });

  it("changes nothing when the mark is already as asked", async () => {
    const version = await policyVersion();
    await update(org.env.dev, false);
    expect(await policyVersion()).toBe(version);
    expect(await events(org.env.dev)).toEqual([]);
  });

  it("does not find another org's environments, and is for admins only", async () => {
    const other = await createTestOrg();
    expect((await failure(update(other.env.prod, false))).code).toBe("NOT_FOUND");
    const asOwner = memberContext({ ...org.owner, orgId: org.id });
    expect((await failure(update(org.env.prod, false, asOwner))).code).toBe("FORBIDDEN");
    expect(await db.environment.findUniqueOrThrow({ where: { id: other.env.prod } })).toMatchObject({
      isProduction: true,
    });
  });
});
