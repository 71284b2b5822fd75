import type { Command } from "commander";
import { runAction, wholeNumber } from "../cli-support";

/**
 * `warden bench`: the decision API against a bare Node HTTP server, in one run, on a fresh
 * database that is dropped afterwards. Exit code 1 when any allow was answered without a
 * committed decision row, or when a decision hash chain does not verify.
 */
export function registerBenchCommand(program: Command): void {
  program
    .command("bench")
    .description(
      "Benchmark POST /api/decide against a bare Node HTTP server (fresh database, 1,000 agents, autocannon)",
    )
    .option(
      "--database-url [url]",
      "the Postgres server to create the benchmark database on (without a value: DATABASE_URL's; default: TEST_DATABASE_URL's or postgresql://postgres@127.0.0.1:5432)",
    )
    .option("--agents <n>", "agents to seed", wholeNumber(2, 100_000), 1000)
    .option("--connections <n>", "concurrent connections", wholeNumber(1, 10_000), 50)
    .option("--duration <seconds>", "measured seconds per case and round", wholeNumber(1, 3600), 6)
    .option("--warmup <seconds>", "warm-up seconds before each case's first round", wholeNumber(0, 600), 2)
    .option(
      "--rounds <n>",
      "rounds of bare → many agents → hot agent; medians are reported and each ratio uses its own round's bare figure",
      wholeNumber(1, 20),
      3,
    )
    .option("--keep", "keep the benchmark database afterwards")
    .option("--no-verify-chains", "skip verifying the decision hash chains after the load")
    .option("--profile <dir>", "write a CPU profile (.cpuprofile) of the runtime process into <dir>")
    .action(
      runAction(
        async (options: {
          databaseUrl?: string | true;
          agents: number;
          connections: number;
          duration: number;
          warmup: number;
          rounds: number;
          keep?: boolean;
          verifyChains: boolean;
          profile?: string;
        }) => {
          // Loaded on use: the benchmark needs autocannon, a development dependency that the
          // other commands must not depend on.
          const { runBench } = await import("../../../bench/run-bench");
          const outcome = await runBench({
            serverUrl: options.databaseUrl === true ? process.env.DATABASE_URL : options.databaseUrl,
            agents: options.agents,
            connections: options.connections,
            durationSeconds: options.duration,
            warmupSeconds: options.warmup,
            rounds: options.rounds,
            keep: options.keep ?? false,
            verifyChains: options.verifyChains,
            profileDir: options.profile,
          });
          if (!outcome.ok) process.exitCode = 1;
        },
      ),
    );
}
