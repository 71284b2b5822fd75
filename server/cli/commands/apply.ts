import path from "node:path";
import type { Command } from "commander";
import { AppError } from "../../domain/errors";
import { applyFleet } from "../../domain/fleet/apply-fleet";
import { cliActor } from "../../domain/fleet/fleet-changes";
import { parseFleetFile } from "../../domain/fleet/parse-fleet-file";
import { cliDatabase, readInputFile, runAction } from "../cli-support";

/** `warden apply <file> [--dry-run]`: make the database match a fleet file. */
export function registerApplyCommand(program: Command): void {
  program
    .command("apply")
    .description("Make an org match a fleet file (idempotent; all of it or nothing)")
    .argument("<file>", "the fleet file (YAML), or - for standard input")
    .option("--dry-run", "show what would change without changing anything")
    .action(
      runAction(async (file: string, options: { dryRun?: boolean }) => {
        const name = file === "-" ? "standard input" : path.basename(file);
        let document;
        try {
          // Checked before connecting, so that a broken file is reported even without a database.
          document = parseFleetFile(readInputFile(file));
        } catch (error) {
          if (error instanceof AppError && error.code === "INVALID_FLEET_FILE") {
            const count = error.issues.length;
            throw new AppError(
              "INVALID_FLEET_FILE",
              `${name} has ${count} problem${count === 1 ? "" : "s"}; nothing was applied:`,
              { issues: error.issues },
            );
          }
          throw error;
        }

        const result = await applyFleet(cliDatabase(), document, cliActor(), {
          dryRun: options.dryRun ?? false,
        });
        const counts = `${result.created} created, ${result.updated} updated, ${result.deleted} deleted, ${result.unchanged} unchanged`;
        // Pending sign-offs mean the org does not match the file yet, even if nothing else changed.
        const changed = result.changes.length > 0 || result.pendingSignOff.length > 0;
        if (result.dryRun) {
          console.log(
            `Dry run, nothing was changed. Applying ${name} to org "${document.org}" would give: ${counts}.`,
          );
        } else if (changed) {
          console.log(`Applied ${name} to org "${document.org}": ${counts}.`);
        } else {
          console.log(
            `No changes: org "${document.org}" already matches ${name} (${result.unchanged} unchanged).`,
          );
        }
        for (const line of result.changes) console.log(`  ${line}`);
        if (result.pendingSignOff.length > 0) {
          const count = result.pendingSignOff.length;
          console.log(
            `${count} change${count === 1 ? "" : "s"} to production agents await${count === 1 ? "s" : ""} security's sign-off (Change requests in the console); the rest was applied:`,
          );
          for (const line of result.pendingSignOff) console.log(`  ${line}`);
        }
      }),
    );
}
