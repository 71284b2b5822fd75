import type { Command } from "commander";
import { verifyAuditChain } from "../../domain/audit/verify-audit-chain";
import { verifyDecisionChain } from "../../domain/audit/verify-decision-chain";
import type { ChainReport } from "../../domain/audit/verify-hash-chain";
import { cliDatabase, resolveOrg, runAction } from "../cli-support";

/**
 * `warden audit verify [--org <slug> | --all]`: check the hash chains of the control-plane audit
 * trail and of the decisions, and name the first broken record of each chain. Exit code 1 when
 * any chain is broken, so that it can run from cron or CI.
 */
export function registerAuditCommand(program: Command): void {
  const audit = program.command("audit").description("Check the audit trail");
  audit
    .command("verify")
    .description("Verify the hash chains of the audit trail and the decisions; name the first broken record")
    .option("--org <slug>", "the org to verify (default: the only org)")
    .option("--all", "verify every org")
    .option("--json", "print the result as JSON")
    .action(
      runAction(async (options: { org?: string; all?: boolean; json?: boolean }) => {
        const db = cliDatabase();
        const orgs = options.all
          ? await db.organization.findMany({ select: { id: true, slug: true }, orderBy: { slug: "asc" } })
          : [await resolveOrg(db, options.org)];
        const results: { org: string; chains: ChainReport[] }[] = [];
        for (const org of orgs) {
          const chains = [await verifyAuditChain(db, org.id), ...(await verifyDecisionChain(db, org.id))];
          results.push({ org: org.slug, chains });
        }
        const broken = results.flatMap((r) => r.chains.filter((c) => c.firstBreak));
        if (options.json) {
          process.stdout.write(
            `${JSON.stringify({ ok: broken.length === 0, orgs: results }, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`,
          );
        } else {
          for (const { org, chains } of results) {
            for (const chain of chains) {
              const b = chain.firstBreak;
              console.log(
                b
                  ? `BROKEN  ${org}  ${chain.chainKey}: ${b.recordId ? `record ${b.recordId} (#${b.seq})` : "end of chain"}: ${b.problem}`
                  : `ok      ${org}  ${chain.chainKey}: ${chain.records} record(s)`,
              );
            }
          }
          console.log(broken.length === 0 ? "Every chain verifies." : `${broken.length} chain(s) broken.`);
        }
        if (broken.length > 0) process.exitCode = 1;
      }),
    );
}
