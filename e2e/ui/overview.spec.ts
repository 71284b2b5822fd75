import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../helpers";

// The seeded demo org carries eight days of activity in which support-triage drifts in the last
// day (new tools, new customers, many refusals): the overview and its drift tab must show it.
const shots = process.env.WARDEN_SCREENSHOTS;

test("the overview shows the fleet's activity with charts, and links to a drifting agent", async ({
  page,
}) => {
  await signIn(page, DEMO.auditor);
  await page.getByRole("link", { name: "Overview" }).first().click();
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await expect(page.getByTestId("data-freshness")).toHaveText(/Data as of \d+ (s|min) ago/);

  for (const chart of ["per-minute", "per-hour", "top-calls", "top-denies", "pending-ages"]) {
    await expect(page.locator(`[data-chart="${chart}"] svg.recharts-surface`).first()).toBeVisible();
  }
  // Bars and areas are drawn, not only axes.
  await expect(page.locator('[data-chart="per-hour"] .recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.locator('[data-chart="top-calls"] .recharts-bar-rectangle').first()).toBeVisible();
  const lastDay = page.getByText("Decisions, last day").locator("..");
  await expect(lastDay).not.toContainText(/^Decisions, last day0$/);

  const alerts = page.getByTestId("overview-drift-alerts");
  await expect(alerts.getByText("support-triage").first()).toBeVisible();
  if (shots) await page.screenshot({ path: `${shots}/overview.png`, fullPage: true });

  await alerts
    .getByRole("link", { name: /support-triage/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/agents\/agt_[^?]+\?tab=drift/);
  const panel = page.getByTestId("drift-panel");
  await expect(panel).toBeVisible();
  await expect(panel.locator('[data-chart="operation-mix"] .recharts-bar-rectangle').first()).toBeVisible();
  await expect(panel.locator('[data-chart="hourly-calls"] svg.recharts-surface')).toBeVisible();
  const mix = page.getByTestId("drift-metric-mixDivergence");
  await expect(mix).toContainText("Above threshold");
  await expect(mix).toContainText("How differently the agent spreads its calls");
  await expect(page.getByTestId("drift-metric-newTools")).toContainText("stripe:refunds.create");
  await expect(page.getByTestId("drift-alerts")).toContainText("Tool mix change");
  // The auditor reads; only the owner, admins and security act on alerts.
  await expect(page.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  if (shots) await page.screenshot({ path: `${shots}/drift.png`, fullPage: true });
});

test("the agent's owner tunes thresholds (validated) and acknowledges an alert", async ({ page }) => {
  await signIn(page, DEMO.otherOwner); // dana@ owns support-triage
  await page.goto("/overview");
  await page
    .getByTestId("overview-drift-alerts")
    .getByRole("link", { name: /support-triage/ })
    .first()
    .click();
  await page.getByRole("button", { name: "Thresholds…" }).click();
  await page.getByLabel("Tool mix change").fill("3");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Use a value between 0.01 and 1.")).toBeVisible();
  await page.getByLabel("Tool mix change").fill("0.25");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Drift settings saved.")).toBeVisible();
  if (shots) await page.screenshot({ path: `${shots}/drift-owner.png`, fullPage: true });
  const before = await page.getByRole("button", { name: "Acknowledge" }).count();
  expect(before).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Acknowledge" }).first().click();
  await expect(page.getByText("Alert acknowledged.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Acknowledge" })).toHaveCount(before - 1);
});
