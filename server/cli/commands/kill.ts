import type { Command } from "commander";
import { cliActor } from "../../domain/fleet/fleet-changes";
import { engageKillSwitch } from "../../domain/killswitch/engage-kill-switch";
import { findTargetByName } from "../../domain/killswitch/kill-switch-targets";
import { listKillSwitches, type KillSwitchView } from "../../domain/killswitch/list-kill-switches";
import { CliError, cliDatabase, resolveOrg, runAction } from "../cli-support";

type KillOptions = { org?: string; reason: string };

const SCOPE_WORDS = { AGENT: "agent", ENVIRONMENT: "environment", ORG: "organization" } as const;

export function describeSwitch(s: KillSwitchView): string {
  const who = s.releasedAt
    ? `released ${s.releasedAt.toISOString()} by ${s.releasedBy}: ${s.releaseReason}`
    : `engaged ${s.engagedAt.toISOString()} by ${s.engagedBy}`;
  return `${s.id}  ${SCOPE_WORDS[s.scope]} ${s.targetName}  ${who}  (reason: ${s.reason})`;
}

async function engage(scope: "AGENT" | "ENVIRONMENT" | "ORG", name: string | null, options: KillOptions) {
  const db = cliDatabase();
  const org = await resolveOrg(db, options.org);
  let targetId: string | null = null;
  if (scope !== "ORG") {
    const target = await findTargetByName(db, org.id, scope, name ?? "");
    if (!target) throw new CliError(`There is no ${SCOPE_WORDS[scope]} "${name}" in org "${org.slug}".`);
    targetId = target.id;
  }
  const result = await db.$transaction((tx) =>
    engageKillSwitch(tx, { orgId: org.id, actor: cliActor() }, { scope, targetId, reason: options.reason }),
  );
  const what =
    scope === "AGENT"
      ? `Paused agent ${result.targetName}`
      : `Froze ${SCOPE_WORDS[scope]} ${result.targetName}`;
  console.log(`${what} (kill switch ${result.killSwitch.id}).`);
  console.log(
    `Cancelled ${result.cancelledApprovalIds.length} approval(s) not yet used and ${result.cancelledPlanIds.length} plan(s); tokens issued until now are revoked.`,
  );
  console.log(`Resume with: warden resume switch ${result.killSwitch.id} --reason "<why>"`);
}

/**
 * `warden kill agent <name> | env <name> | org --reason <text>`: engage a kill switch, exactly as
 * the console does (one transaction, audited as cli:<user>); `warden kill status` lists them.
 */
export function registerKillCommand(program: Command): void {
  const kill = program
    .command("kill")
    .description("Kill switch: pause an agent, freeze an environment or the whole org");
  const reason = ["--reason <text>", "why (required; recorded in the audit trail)"] as const;
  const org = ["--org <slug>", "the org (default: the only org)"] as const;
  kill
    .command("agent")
    .description("Pause one agent: every decision is denied (AGENT_PAUSED)")
    .argument("<name>", "the agent's name")
    .requiredOption(...reason)
    .option(...org)
    .action(runAction((name: string, options: KillOptions) => engage("AGENT", name, options)));
  kill
    .command("env")
    .description("Freeze one environment: every agent in it is denied (ENVIRONMENT_FROZEN)")
    .argument("<name>", "the environment's name, e.g. prod")
    .requiredOption(...reason)
    .option(...org)
    .action(runAction((name: string, options: KillOptions) => engage("ENVIRONMENT", name, options)));
  kill
    .command("org")
    .description("Freeze the whole org: every agent is denied (ORG_FROZEN)")
    .requiredOption(...reason)
    .option(...org)
    .action(runAction((options: KillOptions) => engage("ORG", null, options)));
  kill
    .command("status")
    .description("List engaged kill switches and the most recently released ones")
    .option(...org)
    .option("--json", "print the result as JSON")
    .action(
      runAction(async (options: { org?: string; json?: boolean }) => {
        const db = cliDatabase();
        const found = await resolveOrg(db, options.org);
        const switches = await listKillSwitches(db, found.id);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(switches, null, 2)}\n`);
          return;
        }
        if (switches.engaged.length === 0) console.log(`No kill switch is engaged in org "${found.slug}".`);
        else {
          console.log(`Engaged (${switches.engaged.length}):`);
          for (const s of switches.engaged) console.log(`  ${describeSwitch(s)}`);
        }
        if (switches.released.length > 0) {
          console.log(`Recently released:`);
          for (const s of switches.released) console.log(`  ${describeSwitch(s)}`);
        }
      }),
    );
}
