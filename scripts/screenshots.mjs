#!/usr/bin/env node
// Screenshots of the console's main screens, for looking at them before calling UI work done.
//   node scripts/screenshots.mjs <base-url> <password> [out-dir]
// Signs in as the demo admin (and auditor), visits the main pages in Debian's Chromium and
// writes PNGs (default: screenshots/, which git ignores).
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright";

const [baseUrl = "http://127.0.0.1:3000", password, outDir = "screenshots"] = process.argv.slice(2);
if (!password) {
  console.error("usage: node scripts/screenshots.mjs <base-url> <password> [out-dir]");
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
});

async function session(email) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/agents/);
  return page;
}

async function shot(page, url, name) {
  await page.goto(`${baseUrl}${url}`);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(300);
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
}

const admin = await session("admin@acme.test");
await shot(admin, "/agents", "agents");
const href = await admin.getByRole("link", { name: "release-bot", exact: true }).getAttribute("href");
for (const tab of ["overview", "credentials", "grants", "quotas", "history"])
  await shot(admin, `${href}?tab=${tab}`, `agent-${tab}`);
await shot(admin, "/agents/new", "agents-new");
await shot(admin, "/tools", "tools");
await shot(admin, "/audit", "audit");
await shot(admin, "/settings", "settings");
await admin.goto(`${baseUrl}${href}?tab=grants`);
await admin.getByRole("button", { name: "Add grant" }).first().click();
await admin.waitForTimeout(300);
await admin.screenshot({ path: path.join(outDir, "grant-editor.png"), fullPage: true });
await shot(admin, "/overview", "overview");
await shot(admin, "/change-requests", "change-requests");
await shot(admin, "/runs", "runs");
const runHref = await admin.locator('a[href^="/runs/run_"]').first().getAttribute("href");
if (runHref) await shot(admin, runHref, "run");
await shot(admin, "/kill-switch", "kill-switch");
await shot(admin, "/incidents", "incidents");
const triage = await admin
  .goto(`${baseUrl}/agents`)
  .then(() => admin.getByRole("link", { name: "support-triage", exact: true }).getAttribute("href"));
if (triage) await shot(admin, `${triage}?tab=drift`, "agent-drift");
const security = await session("security@acme.test");
await shot(security, "/approvals", "approvals");
await shot(security, "/approvals?tab=history", "approvals-history");
const auditor = await session("auditor@acme.test");
await shot(auditor, `${href}?tab=credentials`, "auditor-agent");
await shot(auditor, "/audit", "auditor-audit");
await browser.close();
