import fs from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { issueCredential } from "../api/runtime-support";
import { DEMO, signIn } from "../helpers";

// Payload governance and the audit trail, end to end: an admin adds redaction rules to a tool in
// the catalog; an agent sends a canary secret in those fields; the auditor finds the decision in
// the audit search, verifies integrity and exports — and the canary is on no page and in no file.
const CANARY = `CANARY-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const shots = process.env.WARDEN_SCREENSHOTS;

test("redaction rules → a redacted decision → audit search, verify, export", async ({ page, browser }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/tools");
  const stripe = page.getByRole("region", { name: "Tool stripe" });
  await stripe.getByRole("button", { name: "Add redaction rule" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Add rule" }).click();
  await expect(dialog.getByText("Add at least one JSON path")).toBeVisible();
  await dialog.getByLabel("JSON paths, one per line").fill("card.number");
  await dialog.getByRole("button", { name: "Add rule" }).click();
  await expect(dialog.getByText(/must start with \$/)).toBeVisible();
  await dialog.getByLabel("JSON paths, one per line").fill("$.card.number\n$.headers.*");
  await dialog.getByRole("button", { name: "Add rule" }).click();
  await expect(dialog).toBeHidden();
  await stripe.getByRole("button", { name: "Add redaction rule" }).click();
  await dialog.getByText("Fingerprint", { exact: true }).click();
  await dialog.getByLabel("JSON paths, one per line").fill("$.apiKey");
  await dialog.getByRole("button", { name: "Add rule" }).click();
  await expect(dialog).toBeHidden();
  await expect(stripe.getByText("$.card.number")).toBeVisible();
  await expect(stripe.getByText("fingerprinted")).toBeVisible();
  if (shots) await stripe.screenshot({ path: `${shots}/redaction-rules.png` });

  // The agent sends the canary; the stored params are redacted and fingerprinted.
  const secret = await issueCredential("support-triage");
  let answer: { decision?: string } = {};
  await expect(async () => {
    const response = await page.request.post("/api/decide", {
      headers: { authorization: `Bearer ${secret}` },
      data: {
        tool: "stripe",
        operation: "charges.list",
        resource: "stripe:customer/cus_canary",
        params: {
          customer: "cus_canary",
          apiKey: CANARY,
          card: { number: CANARY },
          headers: { authorization: CANARY },
        },
      },
    });
    answer = (await response.json()) as { decision?: string };
    expect(answer.decision).toBe("allow");
  }).toPass({ timeout: 10_000 });

  const auditorContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const auditor = await auditorContext.newPage();
  await signIn(auditor, DEMO.auditor);
  await auditor.goto("/audit");
  await expect(auditor.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  await auditor.getByLabel("Words").fill("cus_canary");
  await auditor.getByRole("button", { name: "Search" }).click();
  const records = auditor.getByRole("list", { name: "Audit records" });
  await expect(records.getByRole("listitem")).toHaveCount(1);
  await expect(records.getByText("stripe:charges.list")).toBeVisible();
  await auditor.getByLabel("Words").fill("");
  await auditor.getByRole("button", { name: "Search" }).click();
  await expect(records.getByRole("listitem").first()).toBeVisible();
  if (shots) await auditor.screenshot({ path: `${shots}/audit-search.png` });
  await records.getByText("Show what changed").first().click();
  if (shots) await records.screenshot({ path: `${shots}/audit-results.png` });

  await auditor.getByRole("button", { name: "Verify integrity" }).click();
  await expect(auditor.getByRole("status").getByText(/^Intact:/)).toBeVisible();
  if (shots)
    await auditor
      .getByRole("region", { name: "Integrity" })
      .screenshot({ path: `${shots}/audit-verify.png` });

  const [csv] = await Promise.all([
    auditor.waitForEvent("download"),
    auditor.getByText("Export CSV").click(),
  ]);
  const csvText = await fs.readFile(await csv.path(), "utf8");
  expect(csvText).toMatch(/^kind,id,createdAt/);
  expect(csvText).toContain("[redacted]");
  expect(csvText).toContain("hmac-sha256:");
  const [jsonl] = await Promise.all([
    auditor.waitForEvent("download"),
    auditor.getByText("Export JSON Lines").click(),
  ]);
  const jsonlText = await fs.readFile(await jsonl.path(), "utf8");
  const [checkpoints] = await Promise.all([
    auditor.waitForEvent("download"),
    auditor.getByText("Download checkpoints").click(),
  ]);
  const doc = JSON.parse(await fs.readFile(await checkpoints.path(), "utf8")) as { format: string };
  expect(doc.format).toBe("warden-checkpoints/1");

  // The canary: in no export, on no page the reviewer saw (nor the admin's catalog).
  for (const text of [csvText, jsonlText]) expect(text).not.toContain(CANARY);
  expect(await auditor.content()).not.toContain(CANARY);
  await auditor.goto("/runs");
  expect(await auditor.content()).not.toContain(CANARY);
  expect(await page.content()).not.toContain(CANARY);
  await auditorContext.close();
});
