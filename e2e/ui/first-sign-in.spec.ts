// First sign-in of an invited member: the admin invites them in Settings and reads the one-time
// temporary password; signing in with it leads to "Choose your password", and only once they
// have chosen their own does the console open — and any other session signed in with the
// temporary password ends.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO, signIn, uniqueName } from "../helpers";

const SHOTS = "screenshots";

test("an invited member must choose their own password before using the console", async ({ browser }) => {
  const email = `${uniqueName("first")}@acme.test`;
  const own = "my-own-long-password-1";

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto("/settings");
  await admin.getByRole("button", { name: "Invite member" }).click();
  const dialog = admin.getByRole("dialog");
  await dialog.getByLabel("E-mail").fill(email);
  await dialog.getByLabel("Name").fill("First Timer");
  await dialog.getByRole("checkbox", { name: /Auditor/ }).check();
  await dialog.getByRole("button", { name: "Invite" }).click();
  await expect(dialog).toContainText("asked to choose their own password");
  const temporary = await dialog.getByLabel("Temporary password").inputValue();
  expect(temporary).toMatch(/^[A-Za-z0-9_-]{24}$/);
  await adminContext.close();

  // Whoever else knew the temporary password signs in with it too, and waits.
  const borrowedContext = await browser.newContext();
  const borrowed = await borrowedContext.newPage();
  const memberContext = await browser.newContext();
  const page = await memberContext.newPage();
  for (const p of [borrowed, page]) {
    await p.goto("/signin");
    await p.getByLabel("E-mail").fill(email);
    await p.getByLabel("Password").fill(temporary);
    await p.getByRole("button", { name: "Sign in" }).click();
    await expect(p).toHaveURL(/\/choose-password/);
  }
  await expect(page.getByRole("heading", { name: "Choose your password" })).toBeVisible();

  // Any console page sends them back here until the password is changed.
  await page.goto("/approvals");
  await expect(page).toHaveURL(/\/choose-password/);

  // The form validates before the round trip.
  await page.getByLabel("Temporary password").fill(temporary);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Confirm new password").fill("short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/choose-password.png`, fullPage: true });

  await page.getByLabel("New password", { exact: true }).fill(own);
  await page.getByLabel("Confirm new password").fill(own);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/agents/);
  await expect(page.getByRole("heading", { name: "Agents" })).toBeVisible();

  // The change ended every session signed in before it: the waiting one gets nothing.
  await borrowed.goto("/agents");
  await expect(borrowed).toHaveURL(/\/signin/);
  const exported = await borrowed.request.get("/api/export/audit?format=csv");
  expect(exported.status()).toBe(401);
  await borrowedContext.close();

  // The new password is the one that works from now on.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, email, own);
  await memberContext.close();
});
