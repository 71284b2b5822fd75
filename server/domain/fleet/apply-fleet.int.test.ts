import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { AppError } from "../errors";
import { applyFleet } from "./apply-fleet";
import { demoFleetFor } from "./fleet-test-files";

/** `expect.stringContaining`, typed as the string it stands for. */
const containing = (text: string) => expect.stringContaining(text) as string;

const actor = { type: "CLI", id: null, label: "cli:test" } as const;

async function orgState(slug: string) {
  const org = await db.organization.findUnique({
    where: { slug },
    select: { id: true, policyVersion: true },
  });
  const auditEvents = org ? await db.auditEvent.count({ where: { orgId: org.id } }) : 0;
  return { org, auditEvents };
}

async function expectInvalid(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("INVALID_FLEET_FILE");
  return (error as AppError).issues;
}

describe("applyFleet", () => {
  it("creates the whole fleet, then a second apply changes nothing and writes no audit event", async () => {
    const { slug, text } = demoFleetFor();
    const first = await applyFleet(db, text, actor);
    expect(first.created).toBeGreaterThan(40);
    expect(first.updated + first.deleted + first.unchanged).toBe(0);
    expect(first.changes).toContain(`+ org ${slug}`);
    expect(first.changes).toContain("+ agent release-bot (prod, autonomy 2)");

    const afterFirst = await orgState(slug);
    expect(afterFirst.auditEvents).toBe(first.created);
    const events = await db.auditEvent.findMany({
      where: { orgId: afterFirst.org!.id },
      select: { actorType: true, actorLabel: true },
    });
    expect(new Set(events.map((e) => `${e.actorType} ${e.actorLabel}`))).toEqual(new Set(["CLI cli:test"]));

    const second = await applyFleet(db, text, actor);
    expect(second).toMatchObject({
      created: 0,
      updated: 0,
      deleted: 0,
      unchanged: first.created,
      changes: [],
    });
    const afterSecond = await orgState(slug);
    expect(afterSecond.auditEvents).toBe(afterFirst.auditEvents);
    expect(afterSecond.org!.policyVersion).toBe(afterFirst.org!.policyVersion);

    const refund = await db.agent.findFirstOrThrow({
      where: { orgId: afterFirst.org!.id, name: "refund-assistant" },
      include: { grants: true, quotas: true, owner: { include: { user: true } } },
    });
    expect(refund.owner.user.email).toBe(`owner@${slug}.test`);
    const refunds = refund.grants.find((g) => g.operationPattern === "stripe:refunds.create")!;
    expect(refunds).toMatchObject({
      approvalMode: "WHEN",
      approvers: 2,
      resourcePatterns: ["stripe:charge/*"],
    });
    expect(refund.quotas.map((q) => [q.metric, q.window, Number(q.limit)])).toEqual(
      expect.arrayContaining([["spendCents", "day", 200000]]),
    );
    const notes = await db.agent.findFirstOrThrow({
      where: { orgId: afterFirst.org!.id, name: "release-notes" },
      include: { parent: true },
    });
    expect(notes.parent?.name).toBe("release-bot");
  });

  it("makes a listed agent's scopes exactly those of the file, one audit event per change", async () => {
    const { slug, text } = demoFleetFor();
    await applyFleet(db, text, actor);
    const before = await orgState(slug);
    const orgId = before.org!.id;
    const bystander = await db.agent.findFirstOrThrow({
      where: { orgId, name: "ci-janitor" },
      include: { grants: true },
    });

    const edited = text
      // release-bot: autonomy 2 → 3, its issues.comment grant removed, its writes quota raised.
      .replace("    environment: prod\n    autonomy: 2\n", "    environment: prod\n    autonomy: 3\n")
      .replace(
        '      - operation: "github:issues.comment"\n        resources: ["repo:acme/*"]\n        approval: never\n      - operation: "slack:chat.postMessage"',
        '      - operation: "slack:chat.postMessage"',
      )
      .replace("{ metric: writes, window: day, limit: 20 }", "{ metric: writes, window: day, limit: 25 }")
      // ci-janitor leaves the file: it must be left alone.
      .replace(/  - name: ci-janitor[\s\S]*$/, "");
    expect(edited).not.toBe(text);

    const result = await applyFleet(db, edited, actor);
    // release-bot is in prod: removing a grant narrows and applies; raising its autonomy and a
    // cap widens, so those wait for security as change requests.
    expect(result.changes).toEqual([`- grant github:issues.comment on repo:acme/* of release-bot`]);
    expect(result.pendingSignOff.sort()).toEqual(
      [
        containing("raise autonomy of release-bot: 2 → 3 — sent to security for sign-off"),
        containing("raise quota writes per day of release-bot: 20 → 25 — sent to security for sign-off"),
      ].sort(),
    );
    const after = await orgState(slug);
    expect(after.auditEvents - before.auditEvents).toBe(3);
    expect(after.org!.policyVersion).toBe(before.org!.policyVersion + 1);
    const actions = await db.auditEvent.findMany({
      where: { orgId },
      orderBy: { seq: "desc" },
      take: 3,
      select: { action: true, before: true, after: true },
    });
    expect(actions.map((a) => a.action).sort()).toEqual([
      "change_request.created",
      "change_request.created",
      "grant.deleted",
    ]);
    const releaseBot = await db.agent.findFirstOrThrow({
      where: { orgId, name: "release-bot" },
      include: { quotas: true },
    });
    expect(releaseBot.autonomy).toBe(2);
    expect(releaseBot.quotas.find((q) => q.metric === "writes" && q.window === "day")?.limit).toBe(20n);

    const stillThere = await db.agent.findFirstOrThrow({
      where: { orgId, name: "ci-janitor" },
      include: { grants: true },
    });
    expect(stillThere.grants.map((g) => g.id).sort()).toEqual(bystander.grants.map((g) => g.id).sort());
  });

  it("applies nothing from an invalid file", async () => {
    const { slug, text } = demoFleetFor();
    const broken = text.replace('operation: "github:pulls.*"', 'operation: "github"');
    const issues = await expectInvalid(applyFleet(db, broken, actor));
    expect(issues).toEqual([
      { path: "agents[0].grants[0].operation", message: containing("tool:operation") },
    ]);
    expect((await orgState(slug)).org).toBeNull();
  });

  it("refuses, and rolls back, a file that conflicts with the database", async () => {
    const { slug, text } = demoFleetFor();
    await applyFleet(db, text, actor);
    const before = await orgState(slug);
    const orgId = before.org!.id;
    await db.agent.updateMany({ where: { orgId, name: "docs-writer" }, data: { status: "DECOMMISSIONED" } });

    // An agent moved to another environment, a decommissioned name reused, and a harmless
    // rename that must not be applied either.
    const conflicting = text
      .replace("orgName: Acme Corp", "orgName: Renamed Corp")
      .replace(/(name: ci-janitor[\s\S]*?environment: )dev/, "$1staging");
    const issues = await expectInvalid(applyFleet(db, conflicting, actor));
    expect(issues.map((i) => i.path).sort()).toEqual(["agents[4].name", "agents[5].environment"]);
    const after = await orgState(slug);
    expect(after.auditEvents).toBe(before.auditEvents);
    expect((await db.organization.findUniqueOrThrow({ where: { id: orgId } })).name).toBe("Acme Corp");
  });

  it("reports without committing on a dry run", async () => {
    const { slug, text } = demoFleetFor();
    const dry = await applyFleet(db, text, actor, { dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.created).toBeGreaterThan(40);
    expect((await orgState(slug)).org).toBeNull();
  });

  it("gives new members no password and keeps a file's roles exactly", async () => {
    const { slug, text } = demoFleetFor();
    await applyFleet(db, text, actor);
    const result = await applyFleet(
      db,
      text.replace(
        `{ email: auditor@${slug}.test, name: Avery Auditor, roles: [AUDITOR] }`,
        `{ email: auditor@${slug}.test, name: Avery Auditor, roles: [SECURITY, AUDITOR] }`,
      ),
      actor,
    );
    expect(result.changes).toEqual([`~ member auditor@${slug}.test: roles AUDITOR → SECURITY, AUDITOR`]);
    const user = await db.user.findUniqueOrThrow({
      where: { email: `auditor@${slug}.test` },
      select: { passwordHash: true, memberships: { select: { roles: true } } },
    });
    expect(user.passwordHash).toBeNull();
    expect(user.memberships[0]!.roles).toEqual(["SECURITY", "AUDITOR"]);
  });

  it("refuses to leave the org without an admin or an agent without a qualified owner", async () => {
    const { slug, text } = demoFleetFor();
    await applyFleet(db, text, actor);
    const before = await orgState(slug);
    const demoted = text
      .replace(
        `{ email: admin@${slug}.test, name: Ada Admin, roles: [ADMIN] }`,
        `{ email: admin@${slug}.test, name: Ada Admin, roles: [AUDITOR] }`,
      )
      .replace(
        `{ email: dana@${slug}.test, name: Dana Developer, roles: [OWNER] }`,
        `{ email: dana@${slug}.test, name: Dana Developer, roles: [AUDITOR] }`,
      );
    const issues = await expectInvalid(applyFleet(db, demoted, actor));
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: "members", message: containing("ADMIN role") },
        { path: "members[3].roles", message: containing("still owns the agent ci-janitor") },
      ]),
    );
    expect((await orgState(slug)).auditEvents).toBe(before.auditEvents);
  });
});
