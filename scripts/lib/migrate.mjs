// Apply committed migrations with Prisma's offline (WebAssembly) schema engine.
// The CLI lingers for up to a minute after its work is done (an open handle in Prisma 6.19), so
// we end it as soon as it has said it is finished.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DONE = /All migrations have been successfully applied|No pending migrations to apply/;

export function migrate(databaseUrl, { quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, "node_modules/prisma/build/index.js"), "migrate", "deploy"],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    let done = false;
    const onData = (chunk) => {
      output += chunk;
      if (!done && DONE.test(output)) {
        done = true;
        setTimeout(() => child.kill("SIGTERM"), 200);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("exit", (code) => {
      if (done || code === 0) {
        if (!quiet) {
          const applied = output.match(/└─ \S+\/$/gm) ?? [];
          console.log(
            applied.length ? `Applied ${applied.length} migration(s).` : "Database schema is up to date.",
          );
        }
        resolve();
      } else {
        reject(
          new Error(
            `Migrations failed:\n${output
              .split("\n")
              .filter((l) => !l.startsWith("   "))
              .join("\n")}`,
          ),
        );
      }
    });
  });
}
