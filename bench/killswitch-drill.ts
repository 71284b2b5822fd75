// The kill-switch drill: two runtime instances (server/runtime/main.ts as child processes) on one
// Postgres, both kept busy answering /api/decide for one agent, while a kill switch is engaged
// through the domain function, as the console and the CLI do. It measures, per instance, the time
// from the switch's COMMIT to the last allow, and checks that every later answer is a deny.
import http from "node:http";
import { createDb } from "../server/db";
import { SYSTEM_ACTOR } from "../server/domain/audit/write-audit-event";
import { engageKillSwitch } from "../server/domain/killswitch/engage-kill-switch";
import type { KillSwitchScopeName } from "../server/domain/killswitch/kill-switch-fields";
import { freePort, startChildServer, type ChildServer } from "./child-server";
import { seedDrill } from "./killswitch-drill-seed";

export type DrillOptions = {
  databaseUrl: string;
  scope?: KillSwitchScopeName;
  instances?: number;
  /** Concurrent request loops per instance. */
  clientsPerInstance?: number;
  /** Load before the switch, and after its commit. */
  warmupMs?: number;
  afterMs?: number;
  log?: (message: string) => void;
};

type Answer = {
  sentAt: number;
  receivedAt: number;
  status: number;
  decision: string | null;
  code: string | null;
};

export type InstanceReport = {
  name: string;
  answers: number;
  answersAfterCommit: number;
  /** Time from COMMIT to the last allow received (null: none after the commit). */
  lastAllowAfterCommitMs: number | null;
  /** Allows to requests sent after the commit (in flight at the commit is fine; sent after is not). */
  allowsSentAfterCommit: number;
  /** Answers after the last allow that were not a 200 deny (errors, approvals). */
  nonDenialsAfterLastAllow: number;
  denyCodes: string[];
};

export type DrillReport = {
  scope: KillSwitchScopeName;
  transactionMs: number;
  /** The largest time from COMMIT to the last allow over all instances (0 when none came after). */
  propagationMs: number;
  instances: InstanceReport[];
  ok: boolean;
};

const LIMIT_MS = 1000;

function post(
  agent: http.Agent,
  url: URL,
  authorization: string,
  body: string,
): Promise<Omit<Answer, "sentAt" | "receivedAt">> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          authorization,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          try {
            const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
              decision?: string;
              reason?: { code?: string };
              error?: { code?: string };
            };
            resolve({
              status: res.statusCode ?? 0,
              decision: parsed.decision ?? null,
              code: parsed.reason?.code ?? parsed.error?.code ?? null,
            });
          } catch {
            resolve({ status: res.statusCode ?? 0, decision: null, code: null });
          }
        });
      },
    );
    req.on("error", () => resolve({ status: 0, decision: null, code: "NETWORK_ERROR" }));
    req.end(body);
  });
}

function report(name: string, answers: Answer[], committedAt: number): InstanceReport {
  const after = answers.filter((a) => a.receivedAt >= committedAt);
  const allows = after.filter((a) => a.decision === "allow");
  const lastAllow = allows.reduce((max, a) => Math.max(max, a.receivedAt), -Infinity);
  const later = after.filter((a) => a.receivedAt > lastAllow);
  return {
    name,
    answers: answers.length,
    answersAfterCommit: after.length,
    lastAllowAfterCommitMs: allows.length ? lastAllow - committedAt : null,
    allowsSentAfterCommit: allows.filter((a) => a.sentAt >= committedAt).length,
    nonDenialsAfterLastAllow: later.filter((a) => a.status !== 200 || a.decision !== "deny").length,
    denyCodes: [...new Set(later.map((a) => a.code ?? `HTTP ${a.status}`))],
  };
}

export async function runKillSwitchDrill(options: DrillOptions): Promise<DrillReport> {
  const log = options.log ?? (() => undefined);
  const scope = options.scope ?? "AGENT";
  const db = createDb(options.databaseUrl, 4);
  const servers: ChildServer[] = [];
  try {
    const fleet = await seedDrill(db);
    const count = options.instances ?? 2;
    for (let i = 0; i < count; i++) {
      servers.push(
        await startChildServer({
          name: `runtime-${String.fromCharCode(65 + i)}`,
          script: "server/runtime/main.ts",
          port: await freePort(),
          ready: /listening on http:\/\/localhost:(\d+)/,
          env: { DATABASE_URL: options.databaseUrl },
        }),
      );
    }
    log(`${count} runtime instances started: ${servers.map((s) => s.url).join(", ")}`);
    const authorization = `Bearer ${fleet.secret}`;
    const answers = servers.map(() => [] as Answer[]);
    let stopped = false;
    const agents: http.Agent[] = [];
    const loops = servers.flatMap((server, i) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: options.clientsPerInstance ?? 8 });
      agents.push(agent);
      const url = new URL("/api/decide", server.url);
      return Array.from({ length: options.clientsPerInstance ?? 8 }, async (_, c) => {
        for (let n = 0; !stopped; n++) {
          const body = JSON.stringify({
            tool: "github",
            operation: "pulls.merge",
            resource: "repo:drill/web",
            params: { number: c * 1_000_000 + n },
          });
          const sentAt = performance.now();
          const answer = await post(agent, url, authorization, body);
          answers[i]!.push({ sentAt, receivedAt: performance.now(), ...answer });
        }
      });
    });
    await new Promise((r) => setTimeout(r, options.warmupMs ?? 1500));
    const warm = answers.map((list) => list.filter((a) => a.decision === "allow").length);
    if (warm.some((n) => n === 0))
      throw new Error(`An instance gave no allow before the switch (allows: ${warm.join(", ")}).`);
    log(`warm: ${warm.join(" / ")} allows; engaging the kill switch (${scope.toLowerCase()} scope)`);
    const startedAt = performance.now();
    await db.$transaction((tx) =>
      engageKillSwitch(
        tx,
        { orgId: fleet.orgId, actor: SYSTEM_ACTOR },
        {
          scope,
          targetId: scope === "AGENT" ? fleet.agentId : scope === "ENVIRONMENT" ? fleet.environmentId : null,
          reason: "kill switch drill",
        },
      ),
    );
    // $transaction resolves once COMMIT has been acknowledged: the commit happened at or before now.
    const committedAt = performance.now();
    await new Promise((r) => setTimeout(r, options.afterMs ?? 2500));
    stopped = true;
    await Promise.all(loops);
    for (const agent of agents) agent.destroy();
    const instances = servers.map((s, i) => report(s.name, answers[i]!, committedAt));
    const propagationMs = Math.max(0, ...instances.map((r) => r.lastAllowAfterCommitMs ?? 0));
    const ok =
      propagationMs < LIMIT_MS &&
      instances.every((r) => r.allowsSentAfterCommit === 0 || r.lastAllowAfterCommitMs! < LIMIT_MS) &&
      instances.every((r) => r.nonDenialsAfterLastAllow === 0 && r.answersAfterCommit > 0);
    return { scope, transactionMs: committedAt - startedAt, propagationMs, instances, ok };
  } finally {
    await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
    await db.$disconnect();
  }
}

export function printDrillReport(r: DrillReport, write: (line: string) => void = console.log): void {
  write(
    `Kill-switch drill (${r.scope.toLowerCase()} scope, ${r.instances.length} instances on one Postgres)`,
  );
  write(`  switch transaction: ${r.transactionMs.toFixed(1)} ms`);
  for (const i of r.instances) {
    const last =
      i.lastAllowAfterCommitMs === null
        ? "no allow after the commit"
        : `last allow ${i.lastAllowAfterCommitMs.toFixed(1)} ms after the commit`;
    write(
      `  ${i.name}: ${i.answers} answers (${i.answersAfterCommit} after the commit); ${last}; ` +
        `${i.allowsSentAfterCommit} allow(s) to requests sent after it; later answers: ${i.denyCodes.join(", ") || "none"}` +
        (i.nonDenialsAfterLastAllow ? ` (${i.nonDenialsAfterLastAllow} were not denials!)` : ""),
    );
  }
  write(
    `Propagation time: ${r.propagationMs.toFixed(1)} ms (limit ${LIMIT_MS} ms) — ${r.ok ? "PASS" : "FAIL"}`,
  );
}
