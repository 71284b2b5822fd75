import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "../helpers";

// What each role is refused, in the browser and at the API behind it (the server is the authority).
async function trpcMutation(page: Page, path: string, input: unknown) {
  const origin = new URL(page.url()).origin;
  const res = await page.request.post(`/api/trpc/${path}`, {
    headers: { origin, "content-type": "application/json" },
    data: { json: input },
  });
  const body = (await res.json()) as { error?: { json?: { data?: { code?: string } } } };
  return { status: res.status(), code: body.error?.json?.data?.code };
}

async function agentIdByName(page: Page, name: string): Promise<string> {
  await page.goto("/agents");
  const href = await page.getByRole("link", { name, exact: true }).getAttribute("href");
  return href!.split("/").pop()!;
}

test("an auditor reads everything and changes nothing", async ({ page }) => {
  await signIn(page, DEMO.auditor);
  await expect(page.getByRole("link", { name: "release-bot", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Register agent" })).toHaveCount(0);
  const id = await agentIdByName(page, "release-bot");
  await page.goto(`/agents/${id}`);
  await expect(page.getByRole("heading", { name: "release-bot" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Pause agent" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Decommission agent" })).toHaveCount(0);
  await page.getByRole("tab", { name: "Credentials" }).click();
  await expect(page.getByRole("button", { name: "Issue credential" })).toHaveCount(0);

  expect(await trpcMutation(page, "agents.pause", { id, reason: "auditor tries" })).toEqual({
    status: 403,
    code: "FORBIDDEN",
  });
  expect(await trpcMutation(page, "credentials.issue", { agentId: id })).toEqual({
    status: 403,
    code: "FORBIDDEN",
  });
  expect(await trpcMutation(page, "tools.create", { name: "auditor-tool" })).toEqual({
    status: 403,
    code: "FORBIDDEN",
  });
});

test("an owner cannot change another owner's agent", async ({ page }) => {
  // release-bot belongs to owner@acme.test in the demo org; dana@acme.test is another owner.
  await signIn(page, DEMO.otherOwner);
  const id = await agentIdByName(page, "release-bot");
  await page.goto(`/agents/${id}`);
  await expect(page.getByRole("heading", { name: "release-bot" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Pause agent" })).toHaveCount(0);
  expect(await trpcMutation(page, "agents.pause", { id, reason: "not mine" })).toEqual({
    status: 403,
    code: "FORBIDDEN",
  });
  expect(
    await trpcMutation(page, "grants.create", {
      agentId: id,
      operationPattern: "github:*",
      resourcePatterns: ["**"],
      approval: "never",
      approvers: 1,
    }),
  ).toEqual({ status: 403, code: "FORBIDDEN" });
});

test("security staff can pause any agent but cannot register one", async ({ page }) => {
  await signIn(page, DEMO.security);
  await expect(page.getByRole("button", { name: "Register agent" })).toHaveCount(0);
  const id = await agentIdByName(page, "docs-writer");
  await page.goto(`/agents/${id}`);
  await expect(page.getByRole("button", { name: "Pause agent" })).toBeVisible();
});
