// `warden bench` / `npm run bench`: in one run, a fresh database with a seeded fleet, a bare Node
// HTTP server and the real runtime API as child processes, each loaded by autocannon (the bare
// one, the decision API with requests over every agent, and with every request from one agent),
// a table of the figures with decide / bare measured side by side, and the check that every
// allow a client was given is a committed decision row.
import path from "node:path";
import { checkAllows, type AllowCheck } from "./check-allows";
import { cpuPerRequest, sampleCpu, type CpuPerRequest } from "./cpu-usage";
import { createBenchDatabase, benchServerUrl } from "./bench-database";
import { freePort, startChildServer, type ChildServer } from "./child-server";
import { newTally, runLoad, type LoadResult, type Tally } from "./load-case";
import { median, printReport, type CaseReport } from "./report";
import { hotAgentRequests, manyAgentsRequests, type PreparedRequest } from "./request-mix";
import { seedBench } from "./seed-bench";
import { verifyBenchChains, type ChainCheck } from "./verify-chains";

export type BenchOptions = {
  /** The Postgres server to create the benchmark database on (default: TEST_DATABASE_URL or the local one). */
  serverUrl?: string;
  agents: number;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /**
   * Rounds of bare → many agents → one hot agent. On a machine whose speed drifts (a shared host),
   * each decide case is compared with the bare figure of its own round; the table shows medians.
   */
  rounds?: number;
  /** Keep the database afterwards (its name is printed). */
  keep: boolean;
  /** Write a CPU profile of the runtime child into this directory. */
  profileDir?: string;
  /** Verify the decision hash chains after the load (default on). */
  verifyChains?: boolean;
  /** Extra environment for the runtime child (pool size, committer settings). */
  runtimeEnv?: Record<string, string>;
};

export type BenchOutcome = { cases: CaseReport[]; check: AllowCheck; chains: ChainCheck | null; ok: boolean };

const HOT_AGENT = 1;

const log = (message: string) => console.error(`bench: ${message}`);

type Measured = { result: LoadResult; cpu: CpuPerRequest };

const medianOrNull = (values: readonly (number | null)[]) =>
  values.some((v) => v === null) ? null : median(values as number[]);

/** One case over its rounds: median rate and latencies, summed counts, median CPU per request. */
function overRounds(rounds: readonly Measured[]): Measured & { rounds: LoadResult[] } {
  const results = rounds.map((r) => r.result);
  const sum = (key: "non2xx" | "errors" | "timeouts" | "total") => results.reduce((n, r) => n + r[key], 0);
  return {
    result: {
      requestsPerSecond: median(results.map((r) => r.requestsPerSecond)),
      p50: median(results.map((r) => r.p50)),
      p99: median(results.map((r) => r.p99)),
      non2xx: sum("non2xx"),
      errors: sum("errors"),
      timeouts: sum("timeouts"),
      total: sum("total"),
    },
    cpu: {
      server: medianOrNull(rounds.map((r) => r.cpu.server)),
      postgres: medianOrNull(rounds.map((r) => r.cpu.postgres)),
      generator: median(rounds.map((r) => r.cpu.generator)),
    },
    rounds: results,
  };
}

async function measure(
  name: string,
  server: ChildServer,
  path: string,
  requests: readonly PreparedRequest[],
  options: BenchOptions,
  tally: Tally,
  databaseUrl: string,
  warmUp: boolean,
): Promise<Measured> {
  const warmupSeconds = warmUp ? options.warmupSeconds : 0;
  log(`${name}: ${warmupSeconds > 0 ? `${warmupSeconds} s warm-up, then ` : ""}${options.durationSeconds} s`);
  const common = { url: server.url, path, requests, connections: options.connections };
  // The warm-up's answers count for the allow check too; only its figures are thrown away.
  if (warmupSeconds > 0) await runLoad({ ...common, durationSeconds: warmupSeconds, tally });
  const before = { ...tally, allowIds: null };
  const cpuBefore = await sampleCpu(server.child.pid, databaseUrl);
  const result = await runLoad({ ...common, durationSeconds: options.durationSeconds, tally });
  const cpu = await cpuPerRequest(cpuBefore, server.child.pid, databaseUrl, result.total);
  log(
    `${name}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99} ms ` +
      `(allow ${tally.allow - before.allow}, approval ${tally.requireApproval - before.requireApproval}, ` +
      `deny ${tally.deny - before.deny}, non-2xx ${tally.non2xx - before.non2xx})`,
  );
  return { result, cpu };
}

export async function runBench(options: BenchOptions): Promise<BenchOutcome> {
  const database = await createBenchDatabase(benchServerUrl(options.serverUrl));
  log(`database ${database.name} created and migrated`);
  const servers: ChildServer[] = [];
  // Interrupted, the benchmark still stops its servers and drops its database.
  let interrupted = false;
  const onInterrupt = () => {
    // `warden` passes the terminal's Ctrl-C on as well: the second one must not cut the cleanup short.
    if (interrupted) return;
    interrupted = true;
    log("interrupted: cleaning up");
    void Promise.all(servers.map((s) => s.stop().catch(() => undefined)))
      .then(() => (options.keep ? undefined : database.drop()))
      .catch(() => undefined)
      .finally(() => process.exit(130));
  };
  process.on("SIGINT", onInterrupt);
  process.on("SIGTERM", onInterrupt);
  try {
    const seededAt = performance.now();
    const fleet = await seedBench(database.url, options.agents);
    log(`seeded ${fleet.agents.length} agents in ${Math.round(performance.now() - seededAt)} ms`);

    const bare = await startChildServer({
      name: "bare",
      script: "bench/bare-server.ts",
      port: 0,
      ready: /listening (\d+)/,
    });
    servers.push(bare);
    const runtimePort = await freePort();
    const runtime = await startChildServer({
      name: "runtime",
      script: "server/runtime/main.ts",
      port: runtimePort,
      ready: /is listening on/,
      env: {
        DATABASE_URL: database.url,
        WARDEN_INSTANCE_ID: "bench",
        WARDEN_COMMIT_STATS: "1",
        ...options.runtimeEnv,
      },
      nodeArgs: options.profileDir
        ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(options.profileDir)}`]
        : [],
    });
    servers.push(runtime);

    const many = manyAgentsRequests(fleet.agents, options.agents * 2);
    const hot = hotAgentRequests(fleet.agents, HOT_AGENT, 2_000);
    const decideTally = newTally(true);
    const bareTally = newTally(false);
    const hotTally = newTally(true);

    const url = database.url;
    const measured = { bare: [] as Measured[], many: [] as Measured[], hot: [] as Measured[] };
    const rounds = Math.max(1, options.rounds ?? 1);
    for (let round = 0; round < rounds; round++) {
      if (rounds > 1) log(`round ${round + 1} of ${rounds}`);
      const first = round === 0;
      measured.bare.push(await measure("bare", bare, "/api/decide", many, options, bareTally, url, first));
      measured.many.push(
        await measure("decide, many agents", runtime, "/api/decide", many, options, decideTally, url, first),
      );
      measured.hot.push(
        await measure("decide, one hot agent", runtime, "/api/decide", hot, options, hotTally, url, first),
      );
    }
    const bareCase = overRounds(measured.bare);
    const manyCase = overRounds(measured.many);
    const hotCase = overRounds(measured.hot);

    // A graceful stop lets the batches in flight commit (and writes the CPU profile).
    await runtime.stop();
    await bare.stop();
    const check = await checkAllows(database.url, [...decideTally.allowIds!, ...hotTally.allowIds!]);
    let chains: ChainCheck | null = null;
    if (options.verifyChains !== false) {
      const startedAt = performance.now();
      chains = await verifyBenchChains(database.url, fleet.orgId);
      log(
        `verified ${chains.records} decisions in ${chains.chains} chains in ${Math.round(performance.now() - startedAt)} ms`,
      );
    }
    const cases: CaseReport[] = [
      { name: "bare node http", ...bareCase, tally: bareTally, baseline: null },
      { name: "decide, many agents", ...manyCase, tally: decideTally, baseline: bareCase },
      { name: "decide, one hot agent", ...hotCase, tally: hotTally, baseline: bareCase },
    ];
    printReport(cases, check, chains);
    return { cases, check, chains, ok: check.ok && (chains?.broken.length ?? 0) === 0 };
  } finally {
    process.off("SIGINT", onInterrupt);
    process.off("SIGTERM", onInterrupt);
    await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
    if (options.keep) log(`kept the database: ${database.url}`);
    else
      await database
        .drop()
        .catch((error: unknown) => log(`could not drop ${database.name}: ${String(error)}`));
  }
}
