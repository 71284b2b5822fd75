import { expect, type Page } from "@playwright/test";
import { E2E_PASSWORD } from "../playwright.config";

export const DEMO = {
  admin: "admin@acme.test",
  security: "security@acme.test",
  owner: "owner@acme.test",
  otherOwner: "dana@acme.test",
  auditor: "auditor@acme.test",
} as const;

export async function signIn(page: Page, email: string, password = E2E_PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/agents/);
}

export const uniqueName = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
