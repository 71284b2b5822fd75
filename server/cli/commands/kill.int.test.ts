// `warden kill` / `warden resume` run as a user would: a child process on the test database.
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestOrg, rand } from "@/test/factories";

const root = path.resolve(import.meta.dirname, "../../..");

function warden(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(root, "scripts/warden.mjs"), ...args],
      { env: process.env, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe("warden kill / resume", { timeout: 120_000 }, () => {
  it("pauses an agent, shows it in status, resumes it, all audited as cli:<user>", async () => {
    const org = await createTestOrg();
    const name = `cli-bot-${rand(3)}`;
    const agent = await db.agent.create({
      data: { orgId: org.id, name, ownerId: org.owner.id, environmentId: org.env.dev },
    });

    const missingReason = await warden(["kill", "agent", name, "--org", org.slug]);
    expect(missingReason.code).toBe(1);
    expect(missingReason.stderr).toContain("--reason");

    const kill = await warden(["kill", "agent", name, "--org", org.slug, "--reason", "runaway loop"]);
    expect(kill.stderr).toBe("");
    expect(kill.code).toBe(0);
    expect(kill.stdout).toContain(`Paused agent ${name}`);
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).status).toBe("PAUSED");

    const status = await warden(["kill", "status", "--org", org.slug]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain("Engaged (1):");
    expect(status.stdout).toContain(`agent ${name}`);
    expect(status.stdout).toContain("runaway loop");

    const unknown = await warden(["kill", "env", "nowhere", "--org", org.slug, "--reason", "typo test"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no environment "nowhere"');

    const resume = await warden(["resume", "agent", name, "--org", org.slug, "--reason", "loop fixed"]);
    expect(resume.stderr).toBe("");
    expect(resume.code).toBe(0);
    expect(resume.stdout).toContain("agent active");
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).status).toBe("ACTIVE");

    const events = await db.auditEvent.findMany({
      where: { orgId: org.id, targetType: "kill_switch" },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["killswitch.engaged", "killswitch.released"]);
    expect(events.every((e) => e.actorType === "CLI" && e.actorLabel.startsWith("cli:"))).toBe(true);
  });

  it("freezes and unfreezes an environment and the org", async () => {
    const org = await createTestOrg();
    expect((await warden(["kill", "env", "prod", "--org", org.slug, "--reason", "prod fire"])).code).toBe(0);
    expect((await db.environment.findUniqueOrThrow({ where: { id: org.env.prod } })).frozen).toBe(true);
    expect((await warden(["kill", "org", "--org", org.slug, "--reason", "everything"])).code).toBe(0);
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).frozen).toBe(true);
    const again = await warden(["kill", "org", "--org", org.slug, "--reason", "everything again"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already engaged");
    expect((await warden(["resume", "org", "--org", org.slug, "--reason", "calm"])).code).toBe(0);
    expect((await warden(["resume", "env", "prod", "--org", org.slug, "--reason", "calm"])).code).toBe(0);
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).frozen).toBe(false);
    expect((await db.environment.findUniqueOrThrow({ where: { id: org.env.prod } })).frozen).toBe(false);
    const none = await warden(["resume", "org", "--org", org.slug, "--reason", "calm"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("No kill switch is engaged there");
  });
});
