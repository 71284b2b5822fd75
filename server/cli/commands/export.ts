import fs from "node:fs";
import type { Command } from "commander";
import { exportFleet } from "../../domain/fleet/export-fleet";
import { CliError, cliDatabase, resolveOrg, runAction } from "../cli-support";

/** `warden export [--org <slug>] [-o file]`: write an org as a fleet file. */
export function registerExportCommand(program: Command): void {
  program
    .command("export")
    .description("Write an org's members, environments, tools and agents as a fleet file")
    .option("--org <slug>", "the org to export (default: the only org)")
    .option("-o, --output <file>", "write to this file instead of standard output")
    .action(
      runAction(async (options: { org?: string; output?: string }) => {
        const db = cliDatabase();
        const org = await resolveOrg(db, options.org);
        const yaml = await exportFleet(db, org.slug);
        if (!options.output) {
          process.stdout.write(yaml);
          return;
        }
        try {
          fs.writeFileSync(options.output, yaml);
        } catch (error) {
          throw new CliError(`Cannot write ${options.output}: ${(error as Error).message}`);
        }
        console.error(`Wrote the fleet of org "${org.slug}" to ${options.output}.`);
      }),
    );
}
