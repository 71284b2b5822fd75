// Tampering with the audit trail the only way it can be done — as the database superuser, around
// the append-only triggers — and the verifiers naming the first broken record every time.
import { execFile } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { chainHash } from "@/server/domain/audit/hash-chain";
import { verifyAuditChain } from "@/server/domain/audit/verify-audit-chain";
import { verifyDecisionChain } from "@/server/domain/audit/verify-decision-chain";
import { SYSTEM_ACTOR, writeAuditEvent } from "@/server/domain/audit/write-audit-event";
import { decisionHashContent, type DecisionRecord } from "@/server/domain/decide/decision-record";
import {
  createDecideOrg,
  decide,
  githubGrant,
  mergeRequest,
  seedAgent,
  startRuntime,
  type RunningRuntime,
} from "@/server/runtime/__tests__/runtime-harness";

let runtime: RunningRuntime;
let superuser: pg.Client;

beforeAll(async () => {
  runtime = await startRuntime({ instanceId: "verifytest" });
  superuser = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await superuser.connect();
});
afterAll(async () => {
  await superuser.end();
  await runtime.close();
});

/** An org with `n` decisions in one chain, returned in chain order. */
async function orgWithDecisions(n: number) {
  const org = await createDecideOrg();
  const agent = await seedAgent(org, { grants: [githubGrant()] });
  for (let i = 0; i < n; i++)
    await decide(runtime.url, agent.secret, mergeRequest({ params: { number: i } }));
  const rows = await db.decision.findMany({ where: { orgId: org.id }, orderBy: { seq: "asc" } });
  return { org, rows };
}

/**
 * Run SQL with the append-only trigger of `table` switched off — inside one transaction, so no
 * other session ever sees the table unprotected.
 */
async function tamper(table: "decisions" | "audit_events", statements: [string, unknown[]?][]) {
  const trigger = `${table}_append_only`;
  await superuser.query("BEGIN");
  try {
    await superuser.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
    for (const [sql, params] of statements) await superuser.query(sql, params);
    await superuser.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
    await superuser.query("COMMIT");
  } catch (error) {
    await superuser.query("ROLLBACK");
    throw error;
  }
}

/** An asymmetric matcher, typed so that it can sit in an object literal. */
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern);

const firstBreak = async (orgId: string) => {
  const reports = await verifyDecisionChain(db, orgId);
  expect(reports).toHaveLength(1);
  return reports[0]!.firstBreak;
};

describe("decision chain", () => {
  it("verifies an untouched chain", async () => {
    const { org, rows } = await orgWithDecisions(4);
    expect(rows.map((r) => r.seq)).toEqual([1n, 2n, 3n, 4n]);
    expect(rows[0]!.chainKey).toMatch(/^dec:org_\w+:verifytest\.[01]$/);
    const reports = await verifyDecisionChain(db, org.id);
    expect(reports).toEqual([{ chainKey: rows[0]!.chainKey, records: 4, firstBreak: null }]);
  });

  it("the application cannot change or remove a decision", async () => {
    const { rows } = await orgWithDecisions(1);
    await expect(
      superuser.query("UPDATE decisions SET reason_code = 'X' WHERE id = $1", [rows[0]!.id]),
    ).rejects.toThrow(/append-only/);
    await expect(superuser.query("DELETE FROM decisions WHERE id = $1", [rows[0]!.id])).rejects.toThrow(
      /append-only/,
    );
  });

  it("names an edited record", async () => {
    const { org, rows } = await orgWithDecisions(5);
    await tamper("decisions", [
      [
        "UPDATE decisions SET outcome = 'ALLOW', reason_code = 'ALLOWED_BY_GRANT', resource = 'repo:acme/secrets' WHERE id = $1",
        [rows[2]!.id],
      ],
    ]);
    expect(await firstBreak(org.id)).toMatchObject({
      recordId: rows[2]!.id,
      seq: 3n,
      problem: matching(/changed/),
    });
  });

  it("names the record after a deleted one", async () => {
    const { org, rows } = await orgWithDecisions(5);
    await tamper("decisions", [["DELETE FROM decisions WHERE id = $1", [rows[1]!.id]]]);
    expect(await firstBreak(org.id)).toMatchObject({
      recordId: rows[2]!.id,
      seq: 3n,
      problem: matching(/missing/),
    });
  });

  it("notices records removed from the end", async () => {
    const { org, rows } = await orgWithDecisions(4);
    await tamper("decisions", [["DELETE FROM decisions WHERE id = $1", [rows[3]!.id]]]);
    expect(await firstBreak(org.id)).toMatchObject({
      recordId: null,
      problem: matching(/removed from the end/),
    });
  });

  it("names the first of two reordered records", async () => {
    const { org, rows } = await orgWithDecisions(5);
    await tamper("decisions", [
      ["UPDATE decisions SET seq = -1 WHERE id = $1", [rows[1]!.id]],
      ["UPDATE decisions SET seq = 2 WHERE id = $1", [rows[2]!.id]],
      ["UPDATE decisions SET seq = 3 WHERE id = $1", [rows[1]!.id]],
    ]);
    expect(await firstBreak(org.id)).toMatchObject({ recordId: rows[2]!.id, seq: 2n });
  });

  it("names the record after a well-forged insertion", async () => {
    const { org, rows } = await orgWithDecisions(4);
    const before = rows[1]!;
    // A forger who knows the hashing: a self-consistent record slotted in after #2.
    const forged = {
      ...before,
      id: "dec_forged",
      seq: 3n,
      reasonCode: "ALLOWED_BY_GRANT",
      createdAt: new Date(before.createdAt.getTime() + 1),
    };
    const content = decisionHashContent({
      ...forged,
      params: forged.params as DecisionRecord["params"],
      response: forged.response as DecisionRecord["response"],
    });
    const hash = chainHash(before.hash, content);
    await tamper("decisions", [
      ["UPDATE decisions SET seq = seq + 100 WHERE chain_key = $1 AND seq >= 3", [before.chainKey]],
      ["UPDATE decisions SET seq = seq - 99 WHERE chain_key = $1 AND seq >= 100", [before.chainKey]],
      [
        `INSERT INTO decisions (id, org_id, agent_id, run_id, credential_id, tool, operation, resource, params, action_hash, effect, outcome,
           reason_code, reason_message, grant_id, approval_id, plan_id, policy_version, latency_micros, spend_cents, tokens, on_behalf_of,
           idempotency_key, request_hash, response, chain_key, seq, prev_hash, hash, created_at)
         SELECT 'dec_forged', org_id, agent_id, run_id, credential_id, tool, operation, resource, params, action_hash, effect, outcome,
           'ALLOWED_BY_GRANT', reason_message, grant_id, approval_id, plan_id, policy_version, latency_micros, spend_cents, tokens, on_behalf_of,
           NULL, request_hash, response, chain_key, 3, $2, $3, $4 FROM decisions WHERE id = $1`,
        [before.id, before.hash, hash, forged.createdAt],
      ],
    ]);
    const report = await firstBreak(org.id);
    expect(report).toMatchObject({ recordId: rows[2]!.id, seq: 4n });
  });
});

describe("audit chain", () => {
  async function orgWithEvents(n: number) {
    const org = await createDecideOrg();
    for (let i = 0; i < n; i++) {
      await db.$transaction((tx) =>
        writeAuditEvent(tx, {
          orgId: org.id,
          actor: SYSTEM_ACTOR,
          action: "test.event",
          targetType: "test",
          targetId: `t${i}`,
          after: { i },
        }),
      );
    }
    const rows = await db.auditEvent.findMany({ where: { orgId: org.id }, orderBy: { seq: "asc" } });
    return { org, rows };
  }

  it("verifies an untouched chain and names an edited, a deleted and a reordered record", async () => {
    const intact = await orgWithEvents(3);
    expect((await verifyAuditChain(db, intact.org.id)).firstBreak).toBeNull();

    const edited = await orgWithEvents(4);
    await tamper("audit_events", [
      [`UPDATE audit_events SET after = '{"i": 99}' WHERE id = $1`, [edited.rows[1]!.id]],
    ]);
    expect((await verifyAuditChain(db, edited.org.id)).firstBreak).toMatchObject({
      recordId: edited.rows[1]!.id,
      problem: matching(/changed/),
    });

    const deleted = await orgWithEvents(4);
    await tamper("audit_events", [["DELETE FROM audit_events WHERE id = $1", [deleted.rows[1]!.id]]]);
    expect((await verifyAuditChain(db, deleted.org.id)).firstBreak).toMatchObject({
      recordId: deleted.rows[2]!.id,
    });

    const reordered = await orgWithEvents(4);
    const [, second, third] = reordered.rows;
    await tamper("audit_events", [
      ["UPDATE audit_events SET seq = -1 WHERE id = $1", [second!.id]],
      ["UPDATE audit_events SET seq = $2 WHERE id = $1", [third!.id, second!.seq]],
      ["UPDATE audit_events SET seq = $2 WHERE id = $1", [second!.id, third!.seq]],
    ]);
    expect((await verifyAuditChain(db, reordered.org.id)).firstBreak).toMatchObject({ recordId: third!.id });
  });
});

describe("warden audit verify", () => {
  const root = path.resolve(import.meta.dirname, "../../..");
  const warden = (args: string[]) =>
    new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        [path.join(root, "scripts/warden.mjs"), ...args],
        { env: process.env, timeout: 60_000 },
        (error, stdout) =>
          resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout }),
      );
    });

  it("prints every chain and exits 1 naming the first broken record", { timeout: 120_000 }, async () => {
    const { org, rows } = await orgWithDecisions(3);
    const good = await warden(["audit", "verify", "--org", org.slug]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/Every chain verifies/);
    await tamper("decisions", [
      ["UPDATE decisions SET params = '{\"number\": 7}' WHERE id = $1", [rows[1]!.id]],
    ]);
    const bad = await warden(["audit", "verify", "--org", org.slug]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`record ${rows[1]!.id} (#2)`);
  });
});
