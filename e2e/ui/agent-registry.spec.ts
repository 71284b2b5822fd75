import { expect, test } from "@playwright/test";
import { DEMO, signIn, uniqueName } from "../helpers";

// The registry's whole life cycle, as an agent owner does it in the browser.
test("register an agent, issue a credential, scope it, pause and decommission it", async ({ page }) => {
  const name = uniqueName("e2e-bot");
  await signIn(page, DEMO.owner);

  // Register
  await page.getByRole("button", { name: "Register agent" }).click();
  await expect(page).toHaveURL(/\/agents\/new/);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Purpose").fill("Merges approved pull requests on acme/web after CI passes.");
  await page.getByLabel("Environment").selectOption({ label: "dev" });
  await page.getByRole("radio", { name: /Guarded/ }).check();
  await page.getByRole("button", { name: "Register agent" }).click();
  await expect(page).toHaveURL(/\/agents\/agt_/);
  await expect(page.getByRole("heading", { name })).toBeVisible();

  // Issue a credential: the secret is shown once, then never again
  await page.getByRole("tab", { name: "Credentials" }).click();
  await page.getByRole("button", { name: "Issue credential" }).first().click();
  await page.getByLabel("Label (optional)").fill("ci runner");
  await page.getByRole("button", { name: "Generate secret" }).click();
  const secretField = page.getByLabel("Secret", { exact: true });
  await expect(secretField).toHaveValue(/^wdn_[a-z0-9]{12}_[A-Za-z0-9]{40}$/);
  const secret = await secretField.inputValue();
  await page.getByRole("button", { name: /stored it/ }).click();
  await expect(page.getByText("ci runner")).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  await page.reload();
  await expect(page.getByText("ci runner")).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  expect(await page.content()).not.toContain(secret.slice(17));

  // A grant
  await page.getByRole("tab", { name: "Grants" }).click();
  await page.getByRole("button", { name: "Add grant" }).first().click();
  await page.getByLabel("Operation pattern").fill("github:pulls.*");
  await page.getByLabel("Resource patterns").fill("repo:acme/web");
  await page.getByRole("button", { name: "Save grant" }).click();
  await expect(page.getByText("github:pulls.*").first()).toBeVisible();
  await expect(page.getByText("repo:acme/web").first()).toBeVisible();

  // A quota
  await page.getByRole("tab", { name: "Quotas" }).click();
  await page.getByRole("button", { name: "Add quota" }).first().click();
  await page.getByLabel("Metric").selectOption("writes");
  await page.getByLabel("Window").selectOption("day");
  await page.getByLabel("Limit").fill("20");
  await page.getByRole("button", { name: "Save quota" }).click();
  await expect(page.getByText(/per day/).first()).toBeVisible();

  // Pause
  await page.getByRole("button", { name: "Pause agent" }).click();
  await page.getByLabel("Reason").fill("Investigating unexpected merges");
  await page.getByRole("button", { name: "Confirm pause" }).click();
  await expect(page.getByRole("button", { name: "Resume agent" })).toBeVisible();
  await expect(page.getByText("Paused").first()).toBeVisible();

  // Decommission: the name must be typed; afterwards every credential is revoked
  await page.getByRole("button", { name: "Decommission agent" }).click();
  await page.getByLabel("Reason").fill("Replaced by a newer bot");
  const confirm = page.getByRole("button", { name: "Decommission permanently" });
  await expect(confirm).toBeDisabled();
  await page.getByLabel("Type the agent's name to confirm").fill(name);
  await confirm.click();
  await expect(page.getByText("Decommissioned").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Pause agent" })).toHaveCount(0);
  await page.getByRole("tab", { name: "Credentials" }).click();
  await expect(page.getByText("Revoked").first()).toBeVisible();

  // The history tells the story
  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByText(/decommissioned/i).first()).toBeVisible();
});

test("agents list: search and filters narrow the list, with a clear no-results state", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await expect(page.getByRole("link", { name: "release-bot", exact: true })).toBeVisible();
  await page.getByRole("searchbox").fill("no-such-agent-anywhere");
  await expect(page.getByText(/No agents match/i)).toBeVisible();
  await expect(page).toHaveURL(/no-such-agent-anywhere/);
});
