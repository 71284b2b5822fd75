import type { Command } from "commander";
import { verifyOrgIntegrity, type IntegrityReport } from "../../domain/audit/verify-org-integrity";
import { cliDatabase, resolveOrg, runAction } from "../cli-support";
import { registerCheckpointCommands } from "./audit-checkpoint";

/**
 * `warden audit verify [--org <slug> | --all]`: check the hash chains of the control-plane audit
 * trail and of the decisions, naming the first broken record of each chain, and the latest signed
 * checkpoint against them. Exit code 1 when anything is broken, so that it can run from cron or CI.
 */
export function registerAuditCommand(program: Command): void {
  const audit = program.command("audit").description("Check the audit trail");
  audit
    .command("verify")
    .description(
      "Verify the hash chains of the audit trail and the decisions, and the latest signed checkpoint; name the first broken record",
    )
    .option("--org <slug>", "the org to verify (default: the only org)")
    .option("--all", "verify every org")
    .option("--json", "print the result as JSON")
    .action(
      runAction(async (options: { org?: string; all?: boolean; json?: boolean }) => {
        const db = cliDatabase();
        const orgs = options.all
          ? await db.organization.findMany({ select: { id: true, slug: true }, orderBy: { slug: "asc" } })
          : [await resolveOrg(db, options.org)];
        const results: ({ org: string } & IntegrityReport)[] = [];
        for (const org of orgs) results.push({ org: org.slug, ...(await verifyOrgIntegrity(db, org.id)) });
        const broken = results.flatMap((r) => r.chains.filter((c) => c.firstBreak));
        const badCheckpoints = results.filter((r) => r.checkpoint && r.checkpoint.problems.length > 0);
        const ok = broken.length === 0 && badCheckpoints.length === 0;
        if (options.json) {
          process.stdout.write(
            `${JSON.stringify({ ok, orgs: results }, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`,
          );
        } else {
          for (const { org, chains, checkpoint } of results) {
            for (const chain of chains) {
              const b = chain.firstBreak;
              console.log(
                b
                  ? `BROKEN  ${org}  ${chain.chainKey}: ${b.recordId ? `record ${b.recordId} (#${b.seq})` : "end of chain"}: ${b.problem}`
                  : `ok      ${org}  ${chain.chainKey}: ${chain.records} record(s)`,
              );
            }
            if (!checkpoint)
              console.log(`-       ${org}  no signed checkpoint yet (warden audit checkpoint)`);
            else if (checkpoint.problems.length === 0)
              console.log(
                `ok      ${org}  checkpoint ${checkpoint.checkpointId} of ${checkpoint.createdAt.toISOString()}: signature and ${checkpoint.heads} head(s) match`,
              );
            else
              for (const problem of checkpoint.problems)
                console.log(`BROKEN  ${org}  checkpoint ${checkpoint.checkpointId}: ${problem}`);
          }
          console.log(
            ok
              ? "Every chain verifies."
              : `${broken.length} chain(s) broken; ${badCheckpoints.length} checkpoint(s) do not match.`,
          );
        }
        if (!ok) process.exitCode = 1;
      }),
    );
  registerCheckpointCommands(audit);
}
