// `warden`, the command line (run through scripts/warden.mjs). Each command lives in
// server/cli/commands/<name>.ts and exports one function that registers it on the program:
// adding a command is one import and one entry in COMMANDS.
import { Command } from "commander";
import { registerApplyCommand } from "./commands/apply";
import { registerAuditCommand } from "./commands/audit-verify";
import { registerBenchCommand } from "./commands/bench";
import { registerCredentialsCommand } from "./commands/credentials";
import { registerExportCommand } from "./commands/export";
import { registerKillCommand } from "./commands/kill";
import { registerKillDrillCommand } from "./commands/kill-drill";
import { registerResumeCommand } from "./commands/resume";

const COMMANDS: ((program: Command) => void)[] = [
  registerApplyCommand,
  registerExportCommand,
  registerCredentialsCommand,
  registerAuditCommand,
  registerBenchCommand,
  registerKillCommand,
  registerResumeCommand,
  registerKillDrillCommand,
];

const program = new Command("warden")
  .description("Warden's command line. DATABASE_URL selects the database, as for the server.")
  .showHelpAfterError()
  .helpCommand(true);
for (const register of COMMANDS) register(program);

await program.parseAsync(process.argv);
