import fs from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../helpers";

// A compliance reviewer (AUDITOR, read-only) reconstructs a run from the demo seed: the list, the
// story with its decisions and outcome links, the export, and a what-if replay.
test("runs list → run story → export → what if", async ({ page }) => {
  await signIn(page, DEMO.auditor);
  await page.getByRole("link", { name: "Runs" }).click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect(page.getByRole("heading", { name: "Runs" })).toBeVisible();

  await expect(page.getByRole("link", { name: "Ticket REL-1042" })).toBeVisible();

  // Filters live in the URL (the checkbox follows the URL, so it is clicked, then checked).
  await page.getByLabel("Has approvals").click();
  await expect(page).toHaveURL(/approvals=1/);
  await expect(page.getByLabel("Has approvals")).toBeChecked();
  await expect(page.getByRole("link", { name: "Webhook slack-event-Ev0912" })).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();

  await page.getByRole("link", { name: "Ticket REL-1042" }).click();
  await expect(page).toHaveURL(/\/runs\/run_/);
  await expect(page.getByRole("heading", { name: "Ticket REL-1042" })).toBeVisible();
  const timeline = page.getByRole("list", { name: "Run timeline" });
  await expect(timeline.getByText("github · pulls.merge")).toBeVisible();
  await expect(
    timeline.getByText("The action is allowed: a grant of this agent covers it.").first(),
  ).toBeVisible();
  const prLink = timeline.getByRole("link", { name: /github\.com\/acme\/web\/pull\/1842/ });
  await expect(prLink).toHaveAttribute("href", "https://github.com/acme/web/pull/1842");
  await expect(prLink).toHaveAttribute("rel", "noopener noreferrer");
  await expect(timeline.getByText("Run ended")).toBeVisible();
  await expect(page.getByText("claude-sonnet-4-5", { exact: true })).toBeVisible();

  // Export: one JSON document, and JSON Lines with one line per timeline entry.
  const runId = page.url().split("/runs/")[1]!;
  const [json] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export JSON", exact: true }).click(),
  ]);
  expect(json.suggestedFilename()).toBe(`${runId}.json`);
  const doc = JSON.parse(await fs.readFile(await json.path(), "utf8")) as {
    run: { id: string };
    timeline: { type: string }[];
  };
  expect(doc.run.id).toBe(runId);
  expect(doc.timeline.filter((e) => e.type === "decision")).toHaveLength(3);
  const [jsonl] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export JSONL", exact: true }).click(),
  ]);
  const lines = (await fs.readFile(await jsonl.path(), "utf8")).trim().split("\n");
  expect(lines).toHaveLength(1 + doc.timeline.length);

  // What if the agent could no longer post to Slack?
  await page.getByRole("link", { name: "What if…" }).click();
  await expect(page).toHaveURL(/\/runs\/what-if\?agent=agt_.*&run=run_/);
  const draft = page.getByLabel("Grants and quotas (YAML or JSON)");
  await expect(draft).toHaveValue(/slack:chat.postMessage/);
  const text = await draft.inputValue();
  await draft.fill(text.replace(/  - operation: "slack:chat\.postMessage"[\s\S]*?(?=\n  - |\nquotas)/, ""));
  await page.getByRole("button", { name: "Replay decisions" }).click();
  await expect(page.getByText("1 of 3 answers would change")).toBeVisible();
  await expect(page.getByTestId("replay-row")).toHaveCount(1);
  await expect(page.getByTestId("replay-row").getByText("NO_MATCHING_GRANT")).toBeVisible();
});

test("another org's run, no session, or a link from another site exports nothing", async ({
  page,
  request,
}) => {
  const anonymous = await request.get("/api/export/runs/run_doesnotexist?format=json");
  expect(anonymous.status()).toBe(401);
  await signIn(page, DEMO.auditor);
  const missing = await page.request.get("/api/export/runs/run_doesnotexist?format=jsonl");
  expect(missing.status()).toBe(404);
  expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
  // A link on another site carries the session cookie (SameSite=Lax) but opens no download.
  const fromElsewhere = await page.request.get("/api/export/audit?format=csv", {
    headers: { "sec-fetch-site": "cross-site" },
  });
  expect(fromElsewhere.status()).toBe(403);
  expect(((await fromElsewhere.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
});
