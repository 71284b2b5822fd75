import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { verifySignature } from "../../server/domain/notifications/sign-webhook";
import { DEMO, signIn } from "../helpers";

// Widening a production agent from the console waits for security; security approves or rejects
// it on /change-requests. And Settings → Notifications: a signed webhook to a real local receiver.
const SHOTS = "screenshots";

async function as(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

async function openAgent(page: Page, name: string) {
  await page.goto("/agents");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

test("a production widening waits for security, who approves one and rejects another", async ({
  browser,
}) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const owner = await as(browser, DEMO.owner);
  await openAgent(owner, "release-notes");

  // Raise a cap: sent for sign-off, not applied.
  await owner.getByRole("tab", { name: "Quotas" }).click();
  await owner
    .getByRole("button", { name: /Edit quota .*day/i })
    .first()
    .click();
  await owner.getByLabel("Limit").fill("12");
  await owner.getByRole("button", { name: "Save quota" }).click();
  await expect(owner.getByText(/Sent to security for sign-off/).first()).toBeVisible();
  const pendingQuota = owner.getByRole("region", { name: "Changes awaiting sign-off" });
  await expect(pendingQuota.getByText(/raise quota writes per day of release-notes: 5 → 12/)).toBeVisible();
  await owner.screenshot({ path: `${SHOTS}/agent-pending-change.png`, fullPage: true });

  // Raise the autonomy: also waits; the picker goes back to the level in force.
  await owner.getByRole("tab", { name: "Overview" }).click();
  await owner.getByRole("radio", { name: /Guarded/ }).check();
  await owner.getByRole("button", { name: "Save autonomy" }).click();
  await expect(owner.getByText(/raise autonomy of release-notes: 1 → 2/)).toBeVisible();

  // Security decides on /change-requests.
  const security = await as(browser, DEMO.security);
  await security.getByRole("link", { name: "Change requests" }).click();
  await expect(security).toHaveURL(/\/change-requests/);
  const quotaCard = security.getByRole("article", { name: /raise quota writes per day of release-notes/ });
  const autonomyCard = security.getByRole("article", { name: /raise autonomy of release-notes/ });
  await expect(quotaCard.getByRole("cell", { name: "12", exact: true })).toBeVisible();
  await expect(autonomyCard).toBeVisible();
  await security.screenshot({ path: `${SHOTS}/change-requests.png`, fullPage: true });

  await autonomyCard.getByRole("button", { name: "Reject" }).click();
  await expect(autonomyCard.getByText(/Say why you reject it/)).toBeVisible();
  await autonomyCard.getByLabel(/Comment/).fill("Drafting notes needs no more autonomy.");
  await autonomyCard.getByRole("button", { name: "Reject" }).click();
  await expect(autonomyCard).toHaveCount(0);

  await quotaCard.getByLabel(/Comment/).fill("Release week, fine until Friday.");
  await quotaCard.getByRole("button", { name: "Approve and apply" }).click();
  await expect(security.getByText(/Approved: raise quota writes per day/)).toBeVisible();
  await expect(quotaCard).toHaveCount(0);

  await security.getByRole("tab", { name: "History" }).click();
  await expect(
    security.getByRole("article", { name: /raise quota writes/ }).getByText("Approved", { exact: true }),
  ).toBeVisible();
  await expect(security.getByText("“Drafting notes needs no more autonomy.”")).toBeVisible();
  await security.screenshot({ path: `${SHOTS}/change-requests-history.png`, fullPage: true });

  // The owner sees the new cap in force.
  await owner.reload();
  await owner.getByRole("tab", { name: "Quotas" }).click();
  await expect(owner.getByRole("region", { name: "Changes awaiting sign-off" })).toHaveCount(0);
  await expect(owner.getByRole("cell", { name: /12/ }).first()).toBeVisible();
});

test("security adds a signed webhook, sees the secret once, and a test message arrives signed", async ({
  browser,
}) => {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(req.url?.includes("broken") ? 500 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const page = await as(browser, DEMO.security);
    await page.goto("/settings?tab=notifications");
    await page.getByRole("button", { name: "Add channel" }).first().click();
    await page.getByRole("radio", { name: /Signed webhook/ }).check();
    await page.getByLabel("Name").fill("SIEM intake");
    await page.getByRole("textbox", { name: "URL" }).fill("ftp://nope");
    await page.getByRole("button", { name: "Add channel" }).last().click();
    await expect(page.getByText("Only http:// and https:// URLs can be used.")).toBeVisible();
    await page.getByRole("textbox", { name: "URL" }).fill(`http://127.0.0.1:${port}/warden`);
    await page.getByLabel("Environment").selectOption({ label: "prod (production)" });
    await page.getByRole("button", { name: "Add channel" }).last().click();
    const secret = await page.getByLabel("Signing secret", { exact: true }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole("button", { name: "I saved it" }).click();
    expect(await page.content()).not.toContain(secret);

    await page.getByRole("button", { name: "Add channel" }).first().click();
    await page.getByLabel("Name").fill("#security-approvals");
    await page.getByRole("textbox", { name: "URL" }).fill(`http://127.0.0.1:${port}/broken-slack-hook`);
    await page.getByRole("button", { name: "Add channel" }).last().click();
    // By its card's heading: the "Channel … added." notice names it too.
    await expect(page.getByRole("heading", { name: "#security-approvals" })).toBeVisible();

    for (const name of ["SIEM intake", "#security-approvals"]) {
      const card = page.locator("section").filter({ has: page.getByRole("heading", { name }) });
      await card.getByRole("button", { name: "Send test" }).click();
    }
    const siem = page.locator("section").filter({ has: page.getByRole("heading", { name: "SIEM intake" }) });
    // Approvals requested in prod by other specs may be delivered here too: look at the test message's row.
    const testRow = siem.getByRole("row").filter({ hasText: "Test message" });
    await expect(testRow.getByText("Delivered")).toBeVisible({ timeout: 20_000 });
    const slack = page
      .locator("section")
      .filter({ has: page.getByRole("heading", { name: "#security-approvals" }) });
    await expect(
      slack
        .getByRole("row")
        .filter({ hasText: "Test message" })
        .getByText(/answered HTTP 500/),
    ).toBeVisible({ timeout: 20_000 });
    await page.screenshot({ path: `${SHOTS}/notifications-settings.png`, fullPage: true });

    const signed = received.find((r) => r.headers["warden-signature"]);
    expect(signed).toBeDefined();
    expect(verifySignature(secret, signed!.body, String(signed!.headers["warden-signature"]))).toBe(true);
    const slackBody = JSON.parse(received.find((r) => !r.headers["warden-signature"])!.body) as object;
    expect(Object.keys(slackBody).sort()).toEqual(["blocks", "text"]);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
