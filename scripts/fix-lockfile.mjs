#!/usr/bin/env node
// The npm registry these machines reach serves only some platforms' builds of native packages
// (Next's SWC, Tailwind's oxide, unrs-resolver). npm then leaves the other platforms' optional
// dependencies out of package-lock.json, and `npm ci` refuses the lock as "not in sync".
// This adds those optional entries back, marked with their os/cpu, so that `npm ci` accepts the
// lock and skips them (as it would on any machine of another platform). Run it after
// `npm install <pkg>`: `node scripts/fix-lockfile.mjs`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const lockPath = path.join(root, "package-lock.json");
const lock = JSON.parse(fs.readFileSync(lockPath, "utf8"));

const OSES = [
  "android",
  "darwin",
  "freebsd",
  "linux",
  "win32",
  "openharmony",
  "netbsd",
  "openbsd",
  "sunos",
  "aix",
];
const CPUS = ["arm64", "x64", "arm", "ia32", "loong64", "ppc64", "riscv64", "s390x", "wasm32"];

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => OSES.includes(p));
  const cpu = parts.find((p) => CPUS.includes(p));
  if (!os && cpu !== "wasm32") return null;
  const entry = { os: os ? [os] : undefined, cpu: cpu ? [cpu] : undefined };
  if (os === "linux") entry.libc = [parts.some((p) => p.startsWith("musl")) ? "musl" : "glibc"];
  return entry;
}

let added = 0;
for (const [where, pkg] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const nested = `${where ? `${where}/` : ""}node_modules/${dep}`;
    const hoisted = `node_modules/${dep}`;
    if (lock.packages[nested] || lock.packages[hoisted]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    lock.packages[hoisted] = { version, ...JSON.parse(JSON.stringify(platform)), optional: true };
    added++;
  }
}
// npm keeps packages sorted by path.
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  added
    ? `package-lock.json: added ${added} other-platform optional entries.`
    : "package-lock.json: nothing to add.",
);
