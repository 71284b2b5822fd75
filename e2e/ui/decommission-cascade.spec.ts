import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../helpers";

// The decommission confirmation says how many sub-agents go with the agent (release-bot has one,
// release-notes, in the demo fleet). Only opened and cancelled: other tests use release-bot.
test("the decommission dialog names the sub-agents that go with the agent", async ({ page }) => {
  await signIn(page, DEMO.owner);
  await page.getByRole("link", { name: "release-bot", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "release-bot" })).toBeVisible();
  await page.getByRole("button", { name: "Decommission agent" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("Its 1 sub-agent is decommissioned with it")).toBeVisible();
  await page.screenshot({ path: "screenshots/decommission-cascade.png" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // A sub-agent without sub-agents of its own shows no such line.
  await page.goto("/agents");
  await page.getByRole("link", { name: "release-notes", exact: true }).first().click();
  await page.getByRole("button", { name: "Decommission agent" }).click();
  await expect(page.getByRole("dialog").getByText("Every credential of this agent is revoked")).toBeVisible();
  await expect(page.getByRole("dialog").getByText(/decommissioned with it/)).toHaveCount(0);
});
