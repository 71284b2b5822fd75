#!/usr/bin/env node
// `warden`, the command line (package.json `bin`). The commands are TypeScript, like the server,
// so this re-runs Node with the tsx loader on server/cli/main.ts. The loader and the tsconfig
// are resolved from this package, not from the current directory, so `warden` works from
// anywhere (file arguments stay relative to where it was started).
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const child = spawn(
  process.execPath,
  ["--import", import.meta.resolve("tsx"), path.join(root, "server/cli/main.ts"), ...process.argv.slice(2)],
  {
    stdio: "inherit",
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: process.env.TSX_TSCONFIG_PATH ?? path.join(root, "tsconfig.json"),
    },
  },
);

// Ctrl-C reaches the child through the terminal; a signal sent to this process alone is passed on.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("error", (error) => {
  console.error(`warden: could not start Node: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => {
  if (!signal) process.exit(code ?? 1);
  // End the same way the child did, so that callers see the signal.
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
});
