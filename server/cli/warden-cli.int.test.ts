// The `warden` command line, run as a user would: `node scripts/warden.mjs …` in a child
// process, against the run's test database.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { exportFleet } from "@/server/domain/fleet/export-fleet";
import { demoFleetFor } from "@/server/domain/fleet/fleet-test-files";

const root = path.resolve(import.meta.dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "warden-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Outcome = { code: number; stdout: string; stderr: string };

function warden(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(root, "scripts/warden.mjs"), ...args],
      // Run from elsewhere, as an installed `warden` would be: paths resolve from the package.
      { cwd: tmp, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function writeFile(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

describe("warden apply / export", { timeout: 120_000 }, () => {
  it("applies a fleet file once, then finds nothing to change, and exports what the domain exports", async () => {
    const { slug, text } = demoFleetFor();
    const file = writeFile(`${slug}.yaml`, text);

    const dry = await warden(["apply", "--dry-run", file]);
    expect(dry.stderr).toBe("");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^Dry run, nothing was changed\./);
    expect(await db.organization.findUnique({ where: { slug } })).toBeNull();

    const first = await warden(["apply", file]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Applied ${slug}.yaml to org "${slug}":`);
    expect(first.stdout).toContain("  + agent release-bot (prod, autonomy 2)");
    const org = await db.organization.findUniqueOrThrow({ where: { slug } });
    const events = await db.auditEvent.findMany({
      where: { orgId: org.id },
      select: { actorType: true, actorLabel: true },
    });
    expect(events.length).toBeGreaterThan(40);
    expect(events.every((e) => e.actorType === "CLI" && e.actorLabel.startsWith("cli:"))).toBe(true);

    const second = await warden(["apply", file]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^No changes: org ".*" already matches/);
    expect(await db.auditEvent.count({ where: { orgId: org.id } })).toBe(events.length);

    const exported = await warden(["export", "--org", slug]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(await exportFleet(db, slug));

    const output = path.join(tmp, "out.yaml");
    const toFile = await warden(["export", "--org", slug, "-o", output]);
    expect(toFile.code).toBe(0);
    expect(fs.readFileSync(output, "utf8")).toBe(exported.stdout);
  });

  it("lists every problem of an invalid file with its path, exits 1 and applies nothing", async () => {
    const { slug, text } = demoFleetFor();
    const file = writeFile(
      "broken.yaml",
      text
        .replace('operation: "github:pulls.*"', 'operation: "github"')
        .replace("autonomy: 3", "autonomy: 9"),
    );
    const result = await warden(["apply", file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("broken.yaml has 2 problems; nothing was applied:");
    expect(result.stderr).toContain("  agents[0].grants[0].operation: must look like tool:operation");
    expect(result.stderr).toContain("  agents[4].autonomy: must be 0 (observe)");
    expect(await db.organization.findUnique({ where: { slug } })).toBeNull();
  });

  it("explains how to set DATABASE_URL when it is missing", async () => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const result = await warden(["export", "--org", "acme"], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL is not set");
    expect(result.stderr).toContain("export DATABASE_URL=postgresql://");
  });

  it("asks for --org when there are several orgs", async () => {
    const result = await warden(["export"]);
    if ((await db.organization.count()) > 1) {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("choose one with --org <slug>");
    }
  });
});

describe("warden credentials issue", { timeout: 120_000 }, () => {
  it("prints the secret once, on standard output alone, and records the issue", async () => {
    const { slug, text } = demoFleetFor();
    expect((await warden(["apply", writeFile(`${slug}.yaml`, text)])).code).toBe(0);

    const result = await warden([
      "credentials",
      "issue",
      "release-bot",
      "--org",
      slug,
      "--label",
      "ci",
      "--expires-in-days",
      "30",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^wdn_[a-z0-9]{12}_[A-Za-z0-9]{40}\n$/);
    const secret = result.stdout.trim();
    expect(result.stderr).not.toContain(secret);
    expect(result.stderr).toContain("only time the secret is shown");

    const org = await db.organization.findUniqueOrThrow({ where: { slug } });
    const credential = await db.credential.findFirstOrThrow({
      where: { orgId: org.id },
      select: { id: true, prefix: true, label: true, expiresAt: true },
    });
    expect(secret.startsWith(`wdn_${credential.prefix}_`)).toBe(true);
    expect(credential.label).toBe("ci");
    expect(credential.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { orgId: org.id, action: "credential.issued" },
    });
    expect(event.targetId).toBe(credential.id);
    expect(event.actorType).toBe("CLI");
    expect(JSON.stringify(event.after)).not.toContain(secret);

    const missing = await warden(["credentials", "issue", "no-such-agent", "--org", slug]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toContain(`There is no agent "no-such-agent" in org "${slug}".`);
  });
});
