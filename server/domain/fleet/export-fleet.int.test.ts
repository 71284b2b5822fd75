import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/scripts/lib/migrate.mjs";
import { createDb, db, type Db } from "@/server/db";
import { adminUrl, freshDatabaseName, withDatabase } from "@/test/database-urls";
import { applyFleet } from "./apply-fleet";
import { exportFleet } from "./export-fleet";
import { demoFleetFor } from "./fleet-test-files";
import { parseFleetFile } from "./parse-fleet-file";

const actor = { type: "CLI", id: null, label: "cli:test" } as const;

// "Export, apply to an empty database, export again" needs a database of its own: the run's
// shared one already holds other tests' users. It lives on the same server and is dropped after.
let emptyDbName: string;
let emptyDb: Db;

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  emptyDbName = freshDatabaseName("warden_fleet_roundtrip");
  await adminQuery(`CREATE DATABASE "${emptyDbName}"`);
  const url = withDatabase(adminUrl(), emptyDbName);
  await migrate(url, { quiet: true });
  emptyDb = createDb(url, 2);
});

afterAll(async () => {
  await emptyDb?.$disconnect();
  if (emptyDbName) await adminQuery(`DROP DATABASE IF EXISTS "${emptyDbName}" WITH (FORCE)`);
});

describe("exportFleet", () => {
  it("round-trips: export → apply to an empty database → export is byte-identical", async () => {
    const { slug, text } = demoFleetFor();
    await applyFleet(db, text, actor);
    // Some state the console would add: an expiring grant and a non-default approval window.
    const org = await db.organization.findUniqueOrThrow({ where: { slug } });
    const bot = await db.agent.findFirstOrThrow({ where: { orgId: org.id, name: "ci-janitor" } });
    await db.grant.create({
      data: {
        orgId: org.id,
        agentId: bot.id,
        operationPattern: "github:repos.get",
        resourcePatterns: ["repo:acme/docs", "repo:acme/web"],
        approvalMode: "ALWAYS",
        approvers: 2,
        approvalTtlSeconds: 1800,
        expiresAt: new Date("2031-05-06T07:08:09.123Z"),
      },
    });

    const exported = await exportFleet(db, slug);
    expect(await exportFleet(db, slug)).toBe(exported);
    expect(exported).toMatch(/expiresAt: "?2031-05-06T07:08:09.123Z"?\n/);

    const restored = await applyFleet(emptyDb, exported, actor);
    expect(restored.created).toBeGreaterThan(40);
    expect(await exportFleet(emptyDb, slug)).toBe(exported);
  });

  it("applies back onto its own org without a single change", async () => {
    const { slug, text } = demoFleetFor();
    await applyFleet(db, text, actor);
    const exported = await exportFleet(db, slug);
    const result = await applyFleet(db, exported, actor);
    expect(result).toMatchObject({ created: 0, updated: 0, deleted: 0, changes: [] });
  });

  it("carries everything the original file declared", async () => {
    const { slug, text } = demoFleetFor();
    await applyFleet(db, text, actor);
    const original = parseFleetFile(text);
    const exported = parseFleetFile(await exportFleet(db, slug));
    const byName = <T extends { name: string }>(items: T[]) =>
      [...items].sort((a, b) => a.name.localeCompare(b.name));
    expect(
      byName(exported.agents).map((a) => [a.name, a.owner, a.environment, a.autonomy, a.parent ?? null]),
    ).toEqual(
      byName(original.agents).map((a) => [a.name, a.owner, a.environment, a.autonomy, a.parent ?? null]),
    );
    expect(exported.members.length).toBe(original.members.length);
    expect(exported.orgName).toBe("Acme Corp");
  });

  it("leaves decommissioned agents out", async () => {
    const { slug, text } = demoFleetFor();
    await applyFleet(db, text, actor);
    const org = await db.organization.findUniqueOrThrow({ where: { slug } });
    await db.agent.updateMany({
      where: { orgId: org.id, name: "docs-writer" },
      data: { status: "DECOMMISSIONED" },
    });
    const exported = await exportFleet(db, slug);
    expect(exported).not.toContain("name: docs-writer");
    expect(exported).toContain("name: ci-janitor");
  });
});
