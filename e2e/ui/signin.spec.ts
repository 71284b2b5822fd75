import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../helpers";

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(DEMO.admin);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Could not sign in" })).toContainText(
    "do not match",
  );
  await expect(page).toHaveURL(/\/signin/);
});

test("a member signs in, lands on the agents list and signs out", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await expect(page.getByRole("heading", { name: "Agents" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/agents");
  await expect(page).toHaveURL(/\/signin/);
});
