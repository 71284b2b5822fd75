import type { Command } from "commander";
import { issueCredential } from "../../domain/credentials/issue-credential";
import { cliActor } from "../../domain/fleet/fleet-changes";
import { CliError, cliDatabase, resolveOrg, runAction, wholeNumber } from "../cli-support";

const DAY_MS = 24 * 60 * 60 * 1000;

/** `warden credentials issue <agent>`: a new credential, whose secret is printed once. */
export function registerCredentialsCommand(program: Command): void {
  const credentials = program.command("credentials").description("Manage agents' credentials");
  credentials
    .command("issue")
    .description("Issue a credential for an agent and print its secret (shown this one time only)")
    .argument("<agent>", "the agent's name")
    .option("--org <slug>", "the agent's org (default: the only org)")
    .option("--label <text>", "what the credential is for, e.g. the runtime that uses it")
    .option(
      "--expires-in-days <days>",
      "expire after this many days (1-365; default: never)",
      wholeNumber(1, 365),
    )
    .action(
      runAction(
        async (agentName: string, options: { org?: string; label?: string; expiresInDays?: number }) => {
          const db = cliDatabase();
          const org = await resolveOrg(db, options.org);
          const agent = await db.agent.findUnique({
            where: { orgId_name: { orgId: org.id, name: agentName } },
            select: { id: true },
          });
          if (!agent) throw new CliError(`There is no agent "${agentName}" in org "${org.slug}".`);
          const expiresAt = options.expiresInDays
            ? new Date(Date.now() + options.expiresInDays * DAY_MS)
            : null;
          const { credential, secret } = await db.$transaction((tx) =>
            issueCredential(tx, {
              orgId: org.id,
              actor: cliActor(),
              agentId: agent.id,
              label: options.label,
              expiresAt,
            }),
          );
          // Everything but the secret goes to standard error, so `$(warden credentials issue …)`
          // captures the secret alone and nothing else ever prints it.
          const expiry = credential.expiresAt
            ? `expires ${credential.expiresAt.toISOString()}`
            : "does not expire";
          console.error(
            `Issued ${credential.masked} for agent "${agentName}" in org "${org.slug}" (${expiry}).`,
          );
          console.error(
            "This is the only time the secret is shown; store it in the agent's secret manager now:",
          );
          process.stdout.write(`${secret}\n`);
        },
      ),
    );
}
