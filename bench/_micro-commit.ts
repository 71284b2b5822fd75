// TEMPORARY: committer + Postgres throughput without HTTP.
import { createBenchDatabase, benchServerUrl } from "./bench-database.ts";
import { seedBench } from "./seed-bench.ts";
import { createPgPool } from "../server/runtime/pg-pool.ts";
import { PolicyCache } from "../server/runtime/policy/policy-cache.ts";
import { DecisionCommitter } from "../server/runtime/decide/decision-committer.ts";
import { decisionChainKey } from "../server/domain/decide/decision-record.ts";
import { validateDecideRequest } from "../server/domain/decide/decide-request.ts";
import { actionHash, canonicalAction } from "../server/domain/decide/action-hash.ts";
import { evaluate } from "../server/domain/decide/evaluate.ts";
import { sha256Hex } from "../server/domain/audit/hash-chain.ts";
import { canonicalJson } from "../server/domain/canonical-json.ts";
import { manyAgentsRequests, hotAgentRequests } from "./request-mix.ts";
import { randomUUID } from "node:crypto";
import { sampleCpu, cpuPerRequest } from "./cpu-usage.ts";

import pg from "pg";
const timing = { rt1: 0, rt2: 0, n1: 0, n2: 0, build: 0 };
const orig = pg.Client.prototype.query as (...a: unknown[]) => Promise<unknown>;
(pg.Client.prototype as unknown as { query: unknown }).query = function (this: unknown, ...args: unknown[]) {
  const text = typeof args[0] === "string" ? args[0] : "";
  const t = performance.now();
  if (process.env.EXPLAIN && text.startsWith("BEGIN") && text.includes("checked_write") && ((globalThis as any).ex = ((globalThis as any).ex ?? 0) + 1) % 40 === 0) {
    const ex = text.replace("EXECUTE warden_batch_checked_write", "EXPLAIN (ANALYZE, BUFFERS, SUMMARY) EXECUTE warden_batch_checked_write").replace(/COMMIT$/, "ROLLBACK");
    void (orig.call(this, ex) as Promise<any>).then((rs: any) => { const r = rs[rs.length - 2]; console.log(r.rows.map((x: any) => x["QUERY PLAN"]).join("\n")); }, (e: unknown) => console.log("explain failed", e));
  }
  const p = orig.apply(this, args);
  if (text.startsWith("BEGIN") && !text.includes("checked_write")) void (p as Promise<unknown>).then(() => { timing.rt1 += performance.now() - t; timing.n1++; }, () => {});
  if (text.startsWith("BEGIN") && process.env.DUMP) (globalThis as any).lastRead = text;
  if (text.startsWith("BEGIN") && text.includes("checked_write") && process.env.DUMP) (globalThis as any).lastWrite = text;
  if (text.includes("checked_write")) void (p as Promise<unknown>).then(() => { timing.rt2 += performance.now() - t; timing.n2++; }, () => {});
  return p;
};
const db = await createBenchDatabase(benchServerUrl());
const fleet = await seedBench(db.url, 1000);
const pool = createPgPool(db.url, Number(process.env.POOL ?? 10));
const policy = new PolicyCache(pool, {});
const snapshot = (await policy.get(fleet.orgId))!;
const committer = new DecisionCommitter(pool, (orgId, slot) => decisionChainKey(orgId, `m.${slot}`), {
  concurrency: Number(process.env.SLOTS ?? 2),
});
const conns = Number(process.env.CONNS ?? 50);
const modes = (process.env.MODES ?? "many,hot").split(",");
const seconds = Number(process.env.SECS ?? 5);
for (const mode of modes) {
  const reqs = mode === "many" ? manyAgentsRequests(fleet.agents, 2000) : hotAgentRequests(fleet.agents, 1, 2000);
  let done = 0;
  let stop = false;
  const lat: number[] = [];
  const before = { ...committer.stats };
  const client = async (c: number) => {
    let j = c * 40;
    while (!stop) {
      const r = reqs[j++ % reqs.length]!;
      const t0 = performance.now();
      const v = validateDecideRequest(r.body);
      if (!v.ok) throw v.error;
      const agentId = fleet.agents[r.agent]!.id;
      const action = canonicalAction({ agentId, runId: null, ...v.request });
      const hash = actionHash(action);
      const evaluation = evaluate(snapshot, { agentId, request: v.request, actionHash: hash, now: new Date() });
      await committer.submit({
        decisionId: `dec_${randomUUID().replaceAll("-", "")}`, orgId: fleet.orgId, agentId, credentialId: null,
        maxPendingApprovals: 200, policyVersion: snapshot.version, action, actionHash: hash,
        requestHash: sha256Hex(canonicalJson(v.request)), idempotencyKey: null, onBehalfOf: null,
        cost: v.request.cost, evaluation, presentedApproval: null, receivedAt: t0,
      });
      lat.push(performance.now() - t0);
      done++;
    }
  };
  const warm = Array.from({ length: conns }, (_, c) => client(c));
  await new Promise((r) => setTimeout(r, 3000));
  stop = true; await Promise.all(warm); stop = false; done = 0; lat.length = 0;
  const cpu0 = await sampleCpu(undefined, db.url);
  const t0 = performance.now();
  const clients = Array.from({ length: conns }, (_, c) => client(c));
  await new Promise((r) => setTimeout(r, seconds * 1000));
  stop = true;
  await Promise.all(clients);
  const el = (performance.now() - t0) / 1000;
  const cpu = await cpuPerRequest(cpu0, undefined, db.url, done);
  { const c = new pg.Client({ connectionString: db.url }); await c.connect(); const { rows } = await c.query("SELECT pid, backend_type, left(query, 40) q FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"); await c.end(); const { cpuSeconds } = await import("./cpu-usage.ts"); for (const r of rows) console.log(`  ${r.pid} ${r.backend_type} ${((cpuSeconds(r.pid) ?? 0) - (cpu0.postgres.get(r.pid) ?? 0)).toFixed(2)}s ${JSON.stringify(r.q)}`); }
  console.log(`cpu µs/decision: node ${cpu.generator.toFixed(0)} pg ${cpu.postgres?.toFixed(0)}`);
  lat.sort((a, b) => a - b);
  const batches = committer.stats.batches - before.batches;
  console.log(`rt1 ${(timing.rt1 / timing.n1).toFixed(1)} ms, rt2 ${(timing.rt2 / timing.n2).toFixed(1)} ms`); Object.assign(timing, { rt1: 0, rt2: 0, n1: 0, n2: 0 });
  console.log(JSON.stringify(committer.stats)); console.log(`${mode}: ${Math.round(done / el)} dec/s, p50 ${lat[Math.floor(lat.length / 2)]!.toFixed(1)} ms, p99 ${lat[Math.floor(lat.length * 0.99)]!.toFixed(1)} ms, batches ${batches}, avg batch ${(done / batches).toFixed(1)}`);
}
if (process.env.DUMP) { const fs = await import("node:fs"); fs.writeFileSync("/tmp/benchtools/read.sql", (globalThis as any).lastRead ?? ""); fs.writeFileSync("/tmp/benchtools/write.sql", (globalThis as any).lastWrite); console.log(db.url); process.exit(0); }
await policy.close();
await pool.end();
await db.drop();
