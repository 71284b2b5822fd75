import type { Command } from "commander";
import { killSwitchScopeSchema } from "../../domain/killswitch/kill-switch-fields";
import { CliError, runAction, wholeNumber } from "../cli-support";

/**
 * `warden kill-drill`: prove the kill switch's promise on this machine — two runtime instances on
 * one Postgres under load, a switch engaged through the domain, and the time from its commit to
 * the last allow on each instance. Runs on a fresh database that is dropped afterwards.
 */
export function registerKillDrillCommand(program: Command): void {
  program
    .command("kill-drill")
    .description("Measure how fast a kill switch reaches two running instances under load (fresh database)")
    .option(
      "--database-url <url>",
      "the Postgres server to create the drill database on (default: TEST_DATABASE_URL's or the local one)",
    )
    .option("--scope <scope>", "AGENT, ENVIRONMENT or ORG", "AGENT")
    .option("--clients <n>", "concurrent request loops per instance", wholeNumber(1, 256), 8)
    .option("--keep", "keep the drill database afterwards")
    .action(
      runAction(async (options: { databaseUrl?: string; scope: string; clients: number; keep?: boolean }) => {
        const scope = killSwitchScopeSchema.safeParse(options.scope.toUpperCase());
        if (!scope.success) throw new CliError("--scope must be AGENT, ENVIRONMENT or ORG.");
        // Loaded on use, like `warden bench`: development-only code the other commands need not load.
        const { createBenchDatabase, benchServerUrl } = await import("../../../bench/bench-database");
        const { runKillSwitchDrill, printDrillReport } = await import("../../../bench/killswitch-drill");
        const database = await createBenchDatabase(benchServerUrl(options.databaseUrl));
        try {
          const result = await runKillSwitchDrill({
            databaseUrl: database.url,
            scope: scope.data,
            clientsPerInstance: options.clients,
            log: (message) => console.error(`drill: ${message}`),
          });
          printDrillReport(result);
          if (!result.ok) process.exitCode = 1;
        } finally {
          if (options.keep) console.error(`drill: database ${database.name} kept`);
          else await database.drop();
        }
      }),
    );
}
