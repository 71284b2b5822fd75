import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO, signIn, uniqueName } from "../helpers";

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

test("after five failed attempts an e-mail is refused for a while, known or not", async ({ page }) => {
  // An address with no account: throttled exactly like a real one, so the answer reveals nothing.
  const email = `${uniqueName("nobody")}@acme.test`;
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  const alert = page.getByRole("alert").filter({ hasText: "Could not sign in" });
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Password").fill(`wrong-password-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alert).toContainText("do not match");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await page.getByLabel("Password").fill("wrong-password-again");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alert).toContainText("Too many failed attempts. Try again in 15 minutes.");
  fs.mkdirSync("screenshots", { recursive: true });
  await page.screenshot({ path: "screenshots/signin-throttled.png", fullPage: true });
  await expect(page).toHaveURL(/\/signin/);
});
