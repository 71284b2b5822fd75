import type { Command } from "commander";
import type { Db } from "../../db";
import { cliActor } from "../../domain/fleet/fleet-changes";
import { findTargetByName } from "../../domain/killswitch/kill-switch-targets";
import { releaseKillSwitch } from "../../domain/killswitch/release-kill-switch";
import { CliError, cliDatabase, resolveOrg, runAction } from "../cli-support";

type ResumeOptions = { org?: string; reason: string };

/** The engaged switch on a target, found by its name (agent, environment) or for the org. */
async function engagedSwitch(
  db: Db,
  orgId: string,
  scope: "AGENT" | "ENVIRONMENT" | "ORG",
  name: string | null,
): Promise<string> {
  let targetId: string | null = null;
  if (scope !== "ORG") {
    const target = await findTargetByName(db, orgId, scope, name ?? "");
    if (!target) throw new CliError(`There is no ${scope === "AGENT" ? "agent" : "environment"} "${name}".`);
    targetId = target.id;
  }
  const engaged = await db.killSwitch.findFirst({
    where: { orgId, scope, targetId, releasedAt: null },
    select: { id: true },
  });
  if (!engaged) throw new CliError("No kill switch is engaged there; `warden kill status` lists them.");
  return engaged.id;
}

async function resume(
  find: (db: Db, orgId: string) => Promise<string>,
  options: ResumeOptions,
): Promise<void> {
  const db = cliDatabase();
  const org = await resolveOrg(db, options.org);
  const id = await find(db, org.id);
  const result = await db.$transaction((tx) =>
    releaseKillSwitch(tx, { orgId: org.id, actor: cliActor() }, { id, reason: options.reason }),
  );
  console.log(`Released kill switch ${result.killSwitch.id} on ${result.targetName}: ${result.restored}.`);
  console.log("Tokens revoked by the switch stay revoked: runtimes must fetch new ones.");
}

/** `warden resume switch <id> | agent <name> | env <name> | org --reason <text>`. */
export function registerResumeCommand(program: Command): void {
  const command = program.command("resume").description("Release a kill switch (a reason is required)");
  const reason = ["--reason <text>", "why (required; recorded in the audit trail)"] as const;
  const org = ["--org <slug>", "the org (default: the only org)"] as const;
  command
    .command("switch")
    .description("Release a kill switch by its id (see `warden kill status`)")
    .argument("<id>", "the switch's id (ksw_…)")
    .requiredOption(...reason)
    .option(...org)
    .action(runAction((id: string, options: ResumeOptions) => resume(() => Promise.resolve(id), options)));
  command
    .command("agent")
    .description("Release the kill switch on an agent")
    .argument("<name>", "the agent's name")
    .requiredOption(...reason)
    .option(...org)
    .action(
      runAction((name: string, options: ResumeOptions) =>
        resume((db, orgId) => engagedSwitch(db, orgId, "AGENT", name), options),
      ),
    );
  command
    .command("env")
    .description("Release the kill switch on an environment")
    .argument("<name>", "the environment's name")
    .requiredOption(...reason)
    .option(...org)
    .action(
      runAction((name: string, options: ResumeOptions) =>
        resume((db, orgId) => engagedSwitch(db, orgId, "ENVIRONMENT", name), options),
      ),
    );
  command
    .command("org")
    .description("Release the org-wide kill switch")
    .requiredOption(...reason)
    .option(...org)
    .action(
      runAction((options: ResumeOptions) =>
        resume((db, orgId) => engagedSwitch(db, orgId, "ORG", null), options),
      ),
    );
}
