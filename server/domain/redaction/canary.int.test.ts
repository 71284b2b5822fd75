// The canary test of payload governance: a secret planted in the params and the results of a tool
// with redaction rules (REDACT and FINGERPRINT) goes through decisions, an approval and its vote,
// an outcome, a plan envelope (its steps, approval and vote), the audit search, its CSV and JSONL
// exports, the run export and a retention purge —
// and then appears nowhere: not in any text or JSON column of any table, not in anything the
// server printed, not in any export or API answer. Meanwhile the action hash stays bound to the
// original params and every chain (and a signed checkpoint) still verifies after the purge.
import { createHmac } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { auditExportChunks } from "@/server/domain/audit/export-audit-trail";
import { verifyOrgIntegrity } from "@/server/domain/audit/verify-org-integrity";
import { canonicalJson } from "@/server/domain/canonical-json";
import { createCheckpoint } from "@/server/domain/checkpoints/create-checkpoint";
import { actionHash, canonicalAction } from "@/server/domain/decide/action-hash";
import { planParamsDigest } from "@/server/domain/plans/stored-plan-steps";
import { purgeExpiredPayloads } from "@/server/domain/retention/purge-expired-payloads";
import { prepareRunExport } from "@/server/domain/runs/export-run";
import { call } from "@/server/runtime/__tests__/runtime-calls";
import {
  createDecideOrg,
  decide,
  githubGrant,
  seedAgent,
  startRuntime,
  type RunningRuntime,
} from "@/server/runtime/__tests__/runtime-harness";
import { callerAs, rand } from "@/test/factories";
import { REDACTED } from "./apply-redaction";

const CANARY = `CANARY-${rand(8)}`;
let runtime: RunningRuntime;
let superuser: pg.Client;
const printed: string[] = [];

beforeAll(async () => {
  // Everything the process prints while the test runs: the runtime handler runs in-process.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, "write").mockImplementation((chunk: unknown, ...rest: unknown[]) => {
      printed.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    });
  }
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      printed.push(
        args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : JSON.stringify(a))).join(" "),
      );
      original(...args);
    });
  }
  runtime = await startRuntime({ instanceId: "canary" });
  superuser = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await superuser.connect();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await superuser.end();
  await runtime.close();
});

async function collect(chunks: AsyncGenerator<string>) {
  let out = "";
  for await (const chunk of chunks) out += chunk;
  return out;
}

/** Every text, JSON and array column of every table in which the canary appears, with counts. */
async function whereIsTheCanary(): Promise<string[]> {
  const columns = await superuser.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND c.data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'character')`,
  );
  expect(columns.rows.length).toBeGreaterThan(50);
  const found: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    const hit = await superuser.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM "${table_name}" WHERE "${column_name}"::text LIKE $1`,
      [`%${CANARY}%`],
    );
    if (hit.rows[0]!.n !== "0") found.push(`${table_name}.${column_name} (${hit.rows[0]!.n})`);
  }
  return found;
}

describe("a canary secret in a tool's params and results", () => {
  it(
    "is stored nowhere, printed nowhere, exported nowhere — and the chains still verify",
    { timeout: 60_000 },
    async () => {
      const org = await createDecideOrg();
      const github = await db.tool.findFirstOrThrow({ where: { orgId: org.id, name: "github" } });
      const admin = callerAs(org.admin, org.id);
      await admin.redaction.save({
        toolId: github.id,
        part: "PARAMS",
        mode: "REDACT",
        paths: ["$.card.number", "$.headers.*"],
      });
      await admin.redaction.save({
        toolId: github.id,
        part: "PARAMS",
        mode: "FINGERPRINT",
        paths: ["$.apiKey"],
      });
      await admin.redaction.save({ toolId: github.id, part: "RESULT", mode: "REDACT", paths: ["$.secret"] });
      await admin.redaction.save({
        toolId: github.id,
        part: "RESULT",
        mode: "FINGERPRINT",
        paths: ["$..token"],
      });

      const params = {
        number: 42,
        card: { number: CANARY, exp: "12/30" },
        headers: { authorization: `Bearer ${CANARY}` },
        apiKey: CANARY,
      };
      const allowed = await seedAgent(org, { grants: [githubGrant()] });
      const guarded = await seedAgent(org, { grants: [githubGrant({ approvalMode: "ALWAYS" })] });
      const run = await call<{ runId: string }>(runtime.url, "POST", "/api/runs", {
        bearer: allowed.secret,
        body: {},
      });
      const request = {
        tool: "github",
        operation: "pulls.merge",
        resource: "repo:acme/web",
        params,
        runId: run.body.runId,
      };

      // An allowed decision, its outcome with the secret in the result, and a denied one.
      const yes = await decide(runtime.url, allowed.secret, request);
      expect(yes.body.decision).toBe("allow");
      const outcome = await call(runtime.url, "POST", `/api/decisions/${yes.body.decisionId}/outcome`, {
        bearer: allowed.secret,
        body: { status: "success", result: { secret: CANARY, nested: { token: CANARY }, merged: true } },
      });
      expect(outcome.status).toBe(201);
      const no = await decide(runtime.url, allowed.secret, { ...request, resource: "repo:other/x" });
      expect(no.body.decision).toBe("deny");

      // One that needs approval: the approver's card and the stored vote see the redacted params,
      // and the approval is still redeemed by presenting the original ones.
      const ask = await decide(runtime.url, guarded.secret, { ...request, runId: undefined });
      expect(ask.body.decision).toBe("require_approval");
      const security = callerAs(org.security, org.id);
      const card = await security.approvals.get({ id: ask.body.approval!.id });
      expect(JSON.stringify(card)).not.toContain(CANARY);
      await security.approvals.vote({
        approvalId: ask.body.approval!.id,
        vote: "APPROVE",
        comment: "ok",
        version: card.version,
        cardHash: card.cardHash,
      });
      const redeemed = await decide(runtime.url, guarded.secret, {
        ...request,
        runId: undefined,
        approvalId: ask.body.approval!.id,
      });
      expect(redeemed.body.reason?.code).toBe("APPROVED");

      // A plan whose step carries the secret: stored, shown and voted on redacted, and still
      // matching the original params exactly (the step is matched on their digest).
      const submitted = await call<{ planId: string; approval: { id: string } }>(
        runtime.url,
        "POST",
        "/api/plans",
        {
          bearer: guarded.secret,
          body: {
            steps: [{ tool: "github", operation: "pulls.merge", resource: "repo:acme/web", params }],
            budget: { calls: 2 },
          },
        },
      );
      expect(submitted.status).toBe(201);
      const planCard = await security.approvals.get({ id: submitted.body.approval.id });
      expect(JSON.stringify(planCard)).not.toContain(CANARY);
      await security.approvals.vote({
        approvalId: submitted.body.approval.id,
        vote: "APPROVE",
        comment: "plan ok",
        version: planCard.version,
        cardHash: planCard.cardHash,
      });
      await runtime.handler.runtime.policy.refresh(org.id, performance.now());
      const inPlan = await decide(runtime.url, guarded.secret, { ...request, runId: undefined });
      expect(inPlan.body.reason?.code).toBe("PLAN_APPROVED");
      const planState = await call(runtime.url, "GET", `/api/plans/${submitted.body.planId}`, {
        bearer: guarded.secret,
      });
      expect(planState.status).toBe(200);
      expect(JSON.stringify(planState.body)).not.toContain(CANARY);
      // The redacted form itself is not the plan's step: only the original params match.
      const storedPlan = await db.plan.findUniqueOrThrow({ where: { id: submitted.body.planId } });
      const storedStep = (
        storedPlan.steps as { params: Record<string, unknown>; paramsDigest: string }[]
      )[0]!;
      expect(storedStep.params).toMatchObject({
        card: { number: REDACTED },
        headers: { authorization: REDACTED },
      });
      expect(storedStep.paramsDigest).toBe(planParamsDigest(params));
      const forged = await decide(runtime.url, guarded.secret, {
        ...request,
        runId: undefined,
        params: storedStep.params,
      });
      expect(forged.body.decision).toBe("require_approval");

      // What was stored: redacted and fingerprinted params, bound to the original action.
      const stored = await db.decision.findUniqueOrThrow({ where: { id: yes.body.decisionId! } });
      const key = await db.orgKey.findFirstOrThrow({
        where: { orgId: org.id, purpose: "payload-hmac" },
        select: { secret: true },
      });
      const fingerprint = `hmac-sha256:${createHmac("sha256", Buffer.from(key.secret, "hex")).update(canonicalJson(CANARY)).digest("hex")}`;
      expect(stored.params).toEqual({
        number: 42,
        card: { number: REDACTED, exp: "12/30" },
        headers: { authorization: REDACTED },
        apiKey: fingerprint,
      });
      const original = canonicalAction({
        agentId: allowed.id,
        runId: run.body.runId,
        tool: "github",
        operation: "pulls.merge",
        resource: "repo:acme/web",
        params,
      });
      expect(stored.actionHash).toBe(actionHash(original));
      const approval = await db.approval.findUniqueOrThrow({ where: { id: ask.body.approval!.id } });
      expect((approval.action as { params: unknown }).params).toEqual(stored.params);
      const event = await db.runEvent.findFirstOrThrow({
        where: { decisionId: yes.body.decisionId!, kind: "OUTCOME" },
      });
      expect(event.data).toMatchObject({
        result: { secret: REDACTED, nested: { token: fingerprint }, merged: true },
      });

      // Reading it back: the search, both exports, the run export, the runtime's answers.
      const auditor = callerAs(org.auditor, org.id);
      const page = await auditor.audit.search({ limit: 100 });
      expect(page.items.filter((i) => i.kind === "decision").length).toBe(6);
      const readBack = [
        JSON.stringify(page),
        await collect(auditExportChunks(db, org.id, {}, "csv")),
        await collect(auditExportChunks(db, org.id, {}, "jsonl")),
        JSON.stringify(await auditor.runs.get({ id: run.body.runId }).catch(() => null)),
      ];
      const member = {
        id: org.auditor.id,
        orgId: org.id,
        userId: org.auditor.userId,
        email: org.auditor.email,
        roles: org.auditor.roles,
      };
      readBack.push(
        await collect(
          (await prepareRunExport(db, member, { runId: run.body.runId, format: "jsonl" })).chunks,
        ),
      );
      readBack.push(
        await collect((await prepareRunExport(db, member, { runId: run.body.runId, format: "json" })).chunks),
      );
      expect(readBack[1]).toContain(REDACTED);
      expect(readBack[4]).toContain(fingerprint);
      for (const text of readBack) expect(text).not.toContain(CANARY);

      // Nowhere in the database, nowhere in the logs.
      expect(await whereIsTheCanary()).toEqual([]);
      expect(printed.join("\n")).not.toContain(CANARY);

      // Retention: payloads purged, every chain and a checkpoint taken before the purge still verify.
      await createCheckpoint(db, org.id);
      await admin.redaction.setRetention({ retentionDays: 1 });
      const purged = await purgeExpiredPayloads(org.id, new Date(Date.now() + 2 * 86_400_000));
      expect(purged).toEqual({ decisions: 6, approvals: 2, votes: 2, runEvents: 1, plans: 1 });
      // The expired plan's step params are gone from the plan, its approval and its vote.
      const purgedPlan = await db.plan.findUniqueOrThrow({ where: { id: submitted.body.planId } });
      expect((purgedPlan.steps as { params: unknown }[])[0]!.params).toBeNull();
      const planApproval = await db.approval.findUniqueOrThrow({ where: { id: submitted.body.approval.id } });
      expect(
        (planApproval.action as { plan: { steps: { params: unknown }[] } }).plan.steps[0]!.params,
      ).toBeNull();
      const planVote = await db.approvalVote.findFirstOrThrow({
        where: { approvalId: submitted.body.approval.id },
      });
      expect(
        (planVote.shown as { action: { steps: { params: unknown }[] } }).action.steps[0]!.params,
      ).toBeNull();
      const after = await db.decision.findUniqueOrThrow({ where: { id: yes.body.decisionId! } });
      expect(after.params).toBeNull();
      expect(after.paramsDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(after.hash).toBe(stored.hash);
      expect(
        (await db.runEvent.findUniqueOrThrow({ where: { id: event.id } })).data as object,
      ).not.toHaveProperty("result");
      const vote = await db.approvalVote.findFirstOrThrow({ where: { approvalId: ask.body.approval!.id } });
      expect((vote.shown as { action: { params: unknown } }).action.params).toBeNull();
      const report = await verifyOrgIntegrity(db, org.id);
      expect(report.chains.map((c) => c.firstBreak)).toEqual(report.chains.map(() => null));
      expect(report.checkpoint?.problems).toEqual([]);
      expect(report.ok).toBe(true);
      const audit = await db.auditEvent.findFirst({ where: { orgId: org.id, action: "payloads.purged" } });
      expect(audit?.after).toMatchObject({ retentionDays: 1, decisions: 6, plans: 1 });
    },
  );
});

describe("the decisions' append-only trigger and the purge", () => {
  it("allows exactly one update — params to NULL with their digest — and refuses every other", async () => {
    const org = await createDecideOrg();
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    const answer = await decide(runtime.url, agent.secret, {
      tool: "github",
      operation: "pulls.merge",
      resource: "repo:acme/web",
      params: { number: 1 },
    });
    const id = answer.body.decisionId!;
    const refused = [
      "UPDATE decisions SET params = NULL WHERE id = $1",
      "UPDATE decisions SET params = '{\"number\": 2}' WHERE id = $1",
      "UPDATE decisions SET params = NULL, params_digest = 'x', reason_code = 'X' WHERE id = $1",
      "UPDATE decisions SET params = NULL, params_digest = 'x', response = '{}' WHERE id = $1",
      "UPDATE decisions SET params_digest = 'x' WHERE id = $1",
      "DELETE FROM decisions WHERE id = $1",
    ];
    for (const sql of refused) await expect(superuser.query(sql, [id]), sql).rejects.toThrow(/append-only/);
    await superuser.query("UPDATE decisions SET params = NULL, params_digest = $2 WHERE id = $1", [
      id,
      "f".repeat(64),
    ]);
    // A purge that lied about the digest is caught by the chain.
    const report = await verifyOrgIntegrity(db, org.id);
    expect(report.chains.find((c) => c.firstBreak)?.firstBreak).toMatchObject({ recordId: id });
    await expect(
      superuser.query("UPDATE decisions SET params = '{}', params_digest = NULL WHERE id = $1", [id]),
    ).rejects.toThrow(/append-only/);
  });
});
