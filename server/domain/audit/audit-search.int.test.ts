// The audit search and its exports, the console's integrity check, signed checkpoints (and their
// check outside Warden), redaction rules and retention — with the roles that may and may not.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { auditExportChunks, csvCell } from "@/server/domain/audit/export-audit-trail";
import { writeAuditEvent } from "@/server/domain/audit/write-audit-event";
import { createCheckpoint } from "@/server/domain/checkpoints/create-checkpoint";
import { exportCheckpoints } from "@/server/domain/checkpoints/export-checkpoints";
import { verifyLatestCheckpoint } from "@/server/domain/checkpoints/verify-checkpoint";
import {
  createDecideOrg,
  decide,
  githubGrant,
  mergeRequest,
  seedAgent,
  startRuntime,
  type RunningRuntime,
} from "@/server/runtime/__tests__/runtime-harness";
import { callerAs } from "@/test/factories";

const root = path.resolve(import.meta.dirname, "../../..");
let runtime: RunningRuntime;
let superuser: pg.Client;

beforeAll(async () => {
  runtime = await startRuntime({ instanceId: "searchtest" });
  superuser = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await superuser.connect();
});
afterAll(async () => {
  await superuser.end();
  await runtime.close();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (error === null) return "OK";
  if (!(error instanceof TRPCError)) throw new Error("expected a TRPCError", { cause: error });
  return error.code;
}

const run = (command: string, args: string[]) =>
  new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(command, args, { env: process.env, timeout: 60_000 }, (error, stdout) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout }),
    );
  });

/** An org with decisions of two agents (allowed and denied) and a few control-plane events. */
async function trail() {
  const org = await createDecideOrg();
  const a = await seedAgent(org, { grants: [githubGrant()] });
  const b = await seedAgent(org, { grants: [githubGrant()] });
  for (let i = 0; i < 5; i++) await decide(runtime.url, a.secret, mergeRequest({ params: { number: i } }));
  await decide(
    runtime.url,
    b.secret,
    mergeRequest({ resource: "repo:other/x", onBehalfOf: "user:zoe@acme.test" }),
  );
  await decide(runtime.url, b.secret, {
    ...mergeRequest(),
    tool: "stripe",
    operation: "refunds.create",
    resource: "=cmd|'/C_calc'!A0,\"x\"",
  });
  for (const action of ["agent.paused", "grant.created"]) {
    await db.$transaction((tx) =>
      writeAuditEvent(tx, {
        orgId: org.id,
        actor: { type: "USER", id: null, label: "dana@acme.test" },
        action,
        targetType: "agent",
        targetId: a.id,
      }),
    );
  }
  return { org, a, b };
}

describe("audit search", () => {
  it("filters decisions and control-plane events and pages by keyset", async () => {
    const { org, a, b } = await trail();
    const caller = callerAs(org.auditor, org.id);
    const all = await caller.audit.search({ limit: 100 });
    const kinds = all.items.map((i) => i.kind);
    expect(kinds.filter((k) => k === "decision")).toHaveLength(7);
    expect(kinds.filter((k) => k === "event").length).toBeGreaterThanOrEqual(2);
    const times = all.items.map((i) => i.createdAt.getTime());
    expect([...times].sort((x, y) => y - x)).toEqual(times);

    expect((await caller.audit.search({ agentId: b.id, kind: "decision" })).items).toHaveLength(2);
    const denied = await caller.audit.search({ outcome: "DENY" });
    expect(denied.items.every((i) => i.kind === "decision" && i.outcome === "DENY")).toBe(true);
    expect(denied.items.length).toBeGreaterThanOrEqual(1);
    expect(
      (await caller.audit.search({ reasonCode: "NO_MATCHING_GRANT" })).items.map((i) => i.resource),
    ).toContain("repo:other/x");
    expect((await caller.audit.search({ tool: "stripe" })).items).toHaveLength(1);
    const byActor = await caller.audit.search({ actor: "dana@" });
    expect(byActor.items.map((i) => i.action).sort()).toEqual(["agent.paused", "grant.created"]);
    expect((await caller.audit.search({ actor: "zoe@" })).items).toHaveLength(1);
    expect((await caller.audit.search({ text: "other/x" })).items).toHaveLength(1);
    // The agent's own decisions and the events about it.
    const ofA = await caller.audit.search({ agentId: a.id, limit: 100 });
    expect(ofA.items.filter((i) => i.kind === "decision")).toHaveLength(5);
    expect(ofA.items.filter((i) => i.kind === "event").length).toBeGreaterThanOrEqual(2);
    const future = new Date(Date.now() + 60_000);
    expect((await caller.audit.search({ from: future })).items).toHaveLength(0);
    await expect(caller.audit.search({ from: future, to: new Date(0) })).rejects.toThrow();

    // Keyset pages of 3 reproduce the whole list, without repeats.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await caller.audit.search({
        limit: 3,
        cursor,
      });
      paged.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items.map((i) => i.id));
    await expect(caller.audit.search({ cursor: "bm90LWEtY3Vyc29y" })).rejects.toThrow(
      /start the search again/,
    );
  });

  it("never shows another org's records", async () => {
    const one = await trail();
    const other = await createDecideOrg();
    const caller = callerAs(other.admin, other.id);
    expect((await caller.audit.search({ agentId: one.a.id })).items).toHaveLength(0);
    expect((await caller.audit.search({ text: one.a.id })).items).toHaveLength(0);
  });

  it("exports CSV (escaped, formula-safe) and JSON Lines page by page", async () => {
    const { org } = await trail();
    let csv = "";
    for await (const chunk of auditExportChunks(db, org.id, {}, "csv")) csv += chunk;
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^kind,id,createdAt,agentId/);
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(csv).toContain(`"'=cmd|'/C_calc'!A0,""x"""`);
    expect(csv).not.toMatch(/,=cmd/);
    let jsonl = "";
    for await (const chunk of auditExportChunks(db, org.id, { kind: "decision" }, "jsonl")) jsonl += chunk;
    const rows = jsonl
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { kind: string; params: unknown });
    expect(rows).toHaveLength(7);
    expect(rows.every((r) => r.kind === "decision")).toBe(true);
  });

  it("escapes CSV cells", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    for (const danger of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
      expect(csvCell(danger).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell(null)).toBe("");
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });
});

describe("verify integrity and signed checkpoints", () => {
  it("every role that reads the audit trail may verify; a broken record is named", async () => {
    const { org } = await trail();
    for (const member of [org.admin, org.security, org.owner, org.auditor]) {
      const report = await callerAs(member, org.id).audit.verify();
      expect(report.ok).toBe(true);
    }
    const victim = await db.decision.findFirstOrThrow({
      where: { orgId: org.id },
      orderBy: { createdAt: "asc" },
    });
    await superuser.query("BEGIN");
    await superuser.query("ALTER TABLE decisions DISABLE TRIGGER decisions_append_only");
    await superuser.query("UPDATE decisions SET reason_code = 'APPROVED' WHERE id = $1", [victim.id]);
    await superuser.query("ALTER TABLE decisions ENABLE TRIGGER decisions_append_only");
    await superuser.query("COMMIT");
    const broken = await callerAs(org.auditor, org.id).audit.verify();
    expect(broken.ok).toBe(false);
    expect(broken.chains.find((c) => c.firstBreak)?.firstBreak).toMatchObject({
      recordId: victim.id,
      seq: "1",
    });
  });

  it(
    "signs the chain heads, notices a rewritten chain, and verifies outside Warden",
    { timeout: 120_000 },
    async () => {
      const { org } = await trail();
      const first = await createCheckpoint(db, org.id);
      expect(first.created).toBe(true);
      expect(first.heads.map((h) => h.chainKey)).toEqual(expect.arrayContaining([`audit:${org.id}`]));
      expect((await createCheckpoint(db, org.id)).created).toBe(false);
      expect(await verifyLatestCheckpoint(db, org.id)).toMatchObject({
        checkpointId: first.id,
        problems: [],
      });

      // The export checks out with node:crypto alone, and fails once tampered with.
      const dir = mkdtempSync(path.join(tmpdir(), "warden-checkpoints-"));
      const file = path.join(dir, "checkpoints.json");
      const exported = await exportCheckpoints(db, { id: org.id, slug: org.slug });
      writeFileSync(file, JSON.stringify(exported));
      const good = await run(process.execPath, [path.join(root, "scripts/verify-checkpoint.mjs"), file]);
      expect(good.stdout).toMatch(/All 1 checkpoint\(s\) of .* verify/);
      expect(good.code).toBe(0);
      const keyFile = path.join(dir, "key.pem");
      writeFileSync(keyFile, exported.publicKeys[0]!.publicKeyPem);
      expect(
        (
          await run(process.execPath, [
            path.join(root, "scripts/verify-checkpoint.mjs"),
            file,
            "--key",
            keyFile,
          ])
        ).code,
      ).toBe(0);
      const tampered = JSON.parse(readFileSync(file, "utf8")) as typeof exported;
      tampered.checkpoints[0]!.statement = tampered.checkpoints[0]!.statement.replace(
        /"seq":"\d+"/,
        '"seq":"999"',
      );
      writeFileSync(file, JSON.stringify(tampered));
      const bad = await run(process.execPath, [path.join(root, "scripts/verify-checkpoint.mjs"), file]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/FAIL .*signature does not verify/);

      // A chain rewritten consistently (every hash recomputed) passes its own check but not the checkpoint.
      const head = first.heads.find((h) => h.chainKey.startsWith("dec:"))!;
      await superuser.query("BEGIN");
      await superuser.query("ALTER TABLE decisions DISABLE TRIGGER decisions_append_only");
      await superuser.query("UPDATE decisions SET hash = repeat('a', 64) WHERE chain_key = $1 AND seq = $2", [
        head.chainKey,
        head.seq,
      ]);
      await superuser.query("ALTER TABLE decisions ENABLE TRIGGER decisions_append_only");
      await superuser.query("COMMIT");
      const check = await verifyLatestCheckpoint(db, org.id);
      expect(check?.problems.join(" ")).toMatch(/no longer has the hash that was signed/);

      // The CLI: checkpoint, export-checkpoints, and verify reporting the checkpoint mismatch.
      const cli = (args: string[]) => run(process.execPath, [path.join(root, "scripts/warden.mjs"), ...args]);
      const signed = await cli(["audit", "checkpoint", "--org", org.slug, "--force"]);
      expect(signed.stdout).toMatch(/^signed {2}/);
      const out = path.join(dir, "cli.json");
      expect((await cli(["audit", "export-checkpoints", "--org", org.slug, "--out", out])).code).toBe(0);
      expect((JSON.parse(readFileSync(out, "utf8")) as typeof exported).checkpoints).toHaveLength(2);
      const verify = await cli(["audit", "verify", "--org", org.slug]);
      expect(verify.code).toBe(1);
    },
  );
});

describe("roles", () => {
  it("redaction rules: tools writers may add them, ADMIN and SECURITY remove them, AUDITOR may only read; retention is ADMIN's", async () => {
    const org = await createDecideOrg();
    const github = await db.tool.findFirstOrThrow({ where: { orgId: org.id, name: "github" } });
    const rule = { toolId: github.id, part: "PARAMS" as const, mode: "REDACT" as const, paths: ["$.token"] };
    for (const member of [org.admin, org.security, org.owner]) {
      expect(await codeOf(callerAs(member, org.id).redaction.save(rule))).toBe("OK");
    }
    const auditor = callerAs(org.auditor, org.id);
    expect(await codeOf(auditor.redaction.save(rule))).toBe("FORBIDDEN");
    const rules = await auditor.redaction.list();
    expect(rules).toHaveLength(3);
    expect(await codeOf(auditor.redaction.delete({ id: rules[0]!.id }))).toBe("FORBIDDEN");
    // Removing a rule loosens every agent's stored payloads: ADMIN and SECURITY only.
    expect(await codeOf(callerAs(org.owner, org.id).redaction.delete({ id: rules[0]!.id }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(callerAs(org.admin, org.id).redaction.delete({ id: rules[0]!.id }))).toBe("OK");
    expect(
      await codeOf(callerAs(org.admin, org.id).redaction.save({ ...rule, paths: ["card.number"] })),
    ).toBe("BAD_REQUEST");
    for (const member of [org.security, org.owner, org.auditor]) {
      expect(await codeOf(callerAs(member, org.id).redaction.setRetention({ retentionDays: 30 }))).toBe(
        "FORBIDDEN",
      );
      expect(await codeOf(callerAs(member, org.id).redaction.retention())).toBe("OK");
    }
    expect(await callerAs(org.admin, org.id).redaction.setRetention({ retentionDays: 30 })).toEqual({
      retentionDays: 30,
    });
    const events = await db.auditEvent.findMany({ where: { orgId: org.id }, select: { action: true } });
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["redaction_rule.created", "redaction_rule.deleted", "org.retention_changed"]),
    );
    // The fingerprint key exists and is never part of what members can read.
    expect(await db.orgKey.count({ where: { orgId: org.id, purpose: "payload-hmac" } })).toBe(1);
    expect(JSON.stringify(rules)).not.toMatch(/secret/i);
  });

  it("a removed member (no roles) can neither search nor verify", async () => {
    const org = await createDecideOrg();
    await db.member.update({ where: { id: org.auditor.id }, data: { roles: [] } });
    const caller = callerAs({ ...org.auditor, roles: [] }, org.id);
    expect(await codeOf(caller.audit.search({}))).not.toBe("OK");
    expect(await codeOf(caller.audit.verify())).not.toBe("OK");
  });
});
