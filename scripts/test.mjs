#!/usr/bin/env node
// `npm test`: unit and integration tests (Vitest, real Postgres), then end-to-end tests
// (Playwright driving the built app in Chromium). Ends with one line: `N passed, N failed`.
//   npm test -- --no-e2e     skip the browser tests
//   npm test -- --only-e2e   only the browser tests
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "test-results");
fs.mkdirSync(outDir, { recursive: true });
const args = process.argv.slice(2);
const runVitest = !args.includes("--only-e2e");
const runE2e = !args.includes("--no-e2e");

function run(command, commandArgs, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, ...env },
    });
    child.on("exit", (code) => resolve(code ?? 1));
    child.on("error", () => resolve(1));
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
let exitCode = 0;

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

if (runVitest) {
  const file = path.join(outDir, "vitest.json");
  fs.rmSync(file, { force: true });
  const code = await run(process.execPath, [
    path.join(root, "node_modules/vitest/vitest.mjs"),
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${file}`,
  ]);
  const report = readJson(file);
  if (report) {
    const passed = report.numPassedTests ?? 0;
    const failed = (report.numFailedTests ?? 0) + (code !== 0 && !report.numFailedTests ? 1 : 0);
    const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    totals.passed += passed;
    totals.failed += failed;
    totals.skipped += skipped;
    lines.push(
      `unit + integration (vitest): ${passed} passed, ${report.numFailedTests ?? 0} failed, ${skipped} skipped`,
    );
  } else {
    totals.failed += 1;
    lines.push("unit + integration (vitest): did not report (see the output above)");
  }
  if (code !== 0) exitCode = 1;
}

if (runE2e) {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(chromium)) {
    console.error(
      `\nChromium is missing at ${chromium}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`,
    );
    totals.failed += 1;
    lines.push("end-to-end (playwright): not run, Chromium is missing");
    exitCode = 1;
  } else {
    const file = path.join(outDir, "playwright.json");
    fs.rmSync(file, { force: true });
    const code = await run(
      process.execPath,
      [path.join(root, "node_modules/@playwright/test/cli.js"), "test", "--reporter=list,json"],
      { PLAYWRIGHT_JSON_OUTPUT_NAME: file },
    );
    const stats = readJson(file)?.stats;
    if (stats) {
      const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
      const failed = stats.unexpected ?? 0;
      const skipped = stats.skipped ?? 0;
      totals.passed += passed;
      totals.failed += failed + (code !== 0 && failed === 0 ? 1 : 0);
      totals.skipped += skipped;
      lines.push(`end-to-end (playwright): ${passed} passed, ${failed} failed, ${skipped} skipped`);
    } else {
      totals.failed += 1;
      lines.push("end-to-end (playwright): did not report (see the output above)");
    }
    if (code !== 0) exitCode = 1;
  }
}

console.log(`\n${lines.join("\n")}`);
console.log(
  `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`,
);
process.exit(exitCode);
