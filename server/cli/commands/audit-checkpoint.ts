import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { createCheckpoint } from "../../domain/checkpoints/create-checkpoint";
import { exportCheckpoints } from "../../domain/checkpoints/export-checkpoints";
import { cliDatabase, resolveOrg, runAction } from "../cli-support";

/**
 * `warden audit checkpoint` signs the org's chain heads now (the server's job does it hourly);
 * `warden audit export-checkpoints` writes every checkpoint with the public key, for
 * `node scripts/verify-checkpoint.mjs <file>` or openssl to check outside Warden.
 */
export function registerCheckpointCommands(audit: Command): void {
  audit
    .command("checkpoint")
    .description("Sign the org's current chain heads with its Ed25519 key and store the checkpoint")
    .option("--org <slug>", "the org (default: the only org)")
    .option("--all", "every org")
    .option("--force", "sign even when nothing changed since the latest checkpoint")
    .action(
      runAction(async (options: { org?: string; all?: boolean; force?: boolean }) => {
        const db = cliDatabase();
        const orgs = options.all
          ? await db.organization.findMany({ select: { id: true, slug: true }, orderBy: { slug: "asc" } })
          : [await resolveOrg(db, options.org)];
        for (const org of orgs) {
          const checkpoint = await createCheckpoint(db, org.id, { force: options.force });
          console.log(
            `${checkpoint.created ? "signed " : "current"}  ${org.slug}  ${checkpoint.id}  ${checkpoint.createdAt.toISOString()}  ${checkpoint.heads.length} chain head(s)`,
          );
        }
      }),
    );
  audit
    .command("export-checkpoints")
    .description("Export the org's signed checkpoints and public key as JSON (stdout, or --out <file>)")
    .option("--org <slug>", "the org (default: the only org)")
    .option("--out <file>", "write to this file instead of stdout")
    .action(
      runAction(async (options: { org?: string; out?: string }) => {
        const db = cliDatabase();
        const org = await resolveOrg(db, options.org);
        const document = `${JSON.stringify(await exportCheckpoints(db, org), null, 2)}\n`;
        if (options.out) {
          writeFileSync(options.out, document);
          console.error(
            `Wrote ${options.out}. Check it with: node scripts/verify-checkpoint.mjs ${options.out}`,
          );
        } else {
          process.stdout.write(document);
        }
      }),
    );
}
