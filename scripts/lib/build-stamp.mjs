// Is the production build in .next/ made from the sources as they are now? A content hash of
// everything that goes into the build, kept beside it.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const INPUTS = [
  "app",
  "components",
  "server",
  "public",
  "types",
  "next.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];
const SKIP = new Set(["node_modules", ".next", "generated"]);

function walk(dir, files) {
  if (!fs.existsSync(dir)) return;
  const stat = fs.statSync(dir);
  if (stat.isFile()) return void files.push(dir);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, files);
    else if (entry.isFile()) files.push(full);
  }
}

export function sourceHash(root) {
  const files = [];
  for (const input of INPUTS) walk(path.join(root, input), files);
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    hash.update(path.relative(root, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

const stampFile = (root) => path.join(root, ".next", "warden-build-stamp");

export function buildIsCurrent(root) {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return false;
  try {
    return fs.readFileSync(stampFile(root), "utf8").trim() === sourceHash(root);
  } catch {
    return false;
  }
}

export function writeBuildStamp(root) {
  fs.writeFileSync(stampFile(root), sourceHash(root));
}
