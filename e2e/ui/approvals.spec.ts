// The human in the loop, in Chromium: a runtime (the SDK in this test) asks, security approves in
// the inbox, the runtime gets APPROVED once and reports its side effect; plus the two-person
// rule, self-approval, expiry, mismatch, reuse, conflicts and the keyboard.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { WardenClient } from "../../sdk/index";
import { sql } from "../api/runtime-support";
import { DEMO, signIn } from "../helpers";
import { createApprovalAgent, createSecondApprover, mergeAction } from "./approvals-support";

// Screenshots for people to look at; APPROVALS_SHOTS puts them outside test-results (which other runs empty).
const SHOTS = process.env.APPROVALS_SHOTS ?? "test-results/screens";
const card = (page: Page) => page.getByRole("article", { name: "Approval details" });

async function openApproval(page: Page, approvalId: string, email: string = DEMO.security) {
  await signIn(page, email);
  await page.goto(`/approvals?id=${approvalId}`);
  await expect(card(page)).toHaveAttribute("data-approval-id", approvalId);
}

async function vote(page: Page, key: "a" | "d", comment: string) {
  await page.locator("body").press(key);
  const field = card(page).getByLabel(key === "a" ? "Comment (optional)" : "Why deny it?");
  await expect(field).toBeFocused();
  await field.fill(comment);
  await card(page)
    .getByRole("button", { name: key === "a" ? "Confirm approval" : "Confirm denial" })
    .click();
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  return context.newPage();
}

test("the whole loop: the runtime asks, security approves in the inbox, the runtime acts once", async ({
  page,
  baseURL,
}) => {
  const agent = await createApprovalAgent({ prefix: "e2e-loop" });
  const warden = new WardenClient({ baseUrl: baseURL!, credential: agent.credential });
  const run = await warden.startRun({ trigger: { kind: "ticket", ref: "REL-42" } });
  let asked!: (id: string) => void;
  const approvalRequested = new Promise<string>((resolve) => (asked = resolve));
  const merge = warden.guard(
    (n: number) => Promise.resolve({ merged: n, url: `https://github.com/acme/web/pull/${n}` }),
    (n) => mergeAction(n, run.runId),
    {
      approvalTimeoutMs: 45_000,
      onApprovalRequired: (approval) => asked(approval.id),
      sideEffects: (result) => [{ kind: "github.pull_request", url: result.url, description: "Merged" }],
    },
  );
  const merged = merge(42);
  const approvalId = await approvalRequested;

  await openApproval(page, approvalId);
  await expect(card(page).getByRole("heading", { level: 2 })).toHaveText(
    `${agent.name} wants to merge pull request #42 in repo:acme/web (github pulls.merge)`,
  );
  await expect(card(page)).toContainText("requires approval for every use");
  await expect(card(page)).toContainText('"pull_number": 42');
  await expect(card(page)).toContainText("Production");
  await expect(card(page)).toContainText(run.runId);
  await expect(page.locator(`li button[data-approval-id="${approvalId}"]`)).toContainText(/\d+:\d\d left/);
  await page.screenshot({ path: `${SHOTS}/approvals-inbox.png`, fullPage: true });
  await card(page).screenshot({ path: `${SHOTS}/approvals-card.png` });

  await vote(page, "a", "Release checklist is green.");
  await expect(page.getByText("Approved. The agent can go ahead")).toBeVisible();

  expect(await merged).toEqual({ merged: 42, url: "https://github.com/acme/web/pull/42" });
  const [approval] = await sql<{ status: string }>("SELECT status::text FROM approvals WHERE id = $1", [
    approvalId,
  ]);
  expect(approval?.status).toBe("CONSUMED");
  const decisions = await sql<{ reason_code: string }>(
    "SELECT reason_code FROM decisions WHERE run_id = $1 ORDER BY created_at",
    [run.runId],
  );
  expect(decisions.map((d) => d.reason_code)).toEqual(["APPROVAL_REQUIRED", "APPROVED"]);
  const effects = await sql<{ external_url: string }>(
    "SELECT external_url FROM run_events WHERE run_id = $1 AND kind = 'SIDE_EFFECT'",
    [run.runId],
  );
  expect(effects.map((e) => e.external_url)).toEqual(["https://github.com/acme/web/pull/42"]);
  const [audit] = await sql<{ actor_label: string }>(
    "SELECT actor_label FROM audit_events WHERE target_id = $1 AND action = 'approval.approve_voted'",
    [approvalId],
  );
  expect(audit?.actor_label).toBe(DEMO.security);

  // Reuse: the approval was for one action, once.
  const again = await warden.decide({ ...mergeAction(42, run.runId), approvalId });
  expect(again.reason.code).toBe("APPROVAL_CONSUMED");

  // The history tab shows who decided, when and why.
  await page.getByRole("tab", { name: "History" }).click();
  const row = page.getByRole("row").filter({ hasText: agent.name });
  await expect(row).toContainText("Approved and used");
  await expect(row).toContainText("Release checklist is green.");
  await page.screenshot({ path: `${SHOTS}/approvals-history.png`, fullPage: true });
  await warden.endRun(run.runId, { status: "succeeded" });
});

test("two-person rule: two different people must approve; then the action is bound exactly", async ({
  page,
  browser,
  baseURL,
}) => {
  const agent = await createApprovalAgent({ prefix: "e2e-two", approvers: 2 });
  const second = await createSecondApprover();
  const warden = new WardenClient({ baseUrl: baseURL!, credential: agent.credential });
  const asked = await warden.decide(mergeAction(7));
  expect(asked.decision).toBe("require_approval");
  const approvalId = asked.approval!.id;

  await openApproval(page, approvalId);
  await expect(card(page)).toContainText("0 of 2 approvals");
  await vote(page, "a", "First pair of eyes.");
  await expect(page.getByText("Your approval is recorded: 1 of 2")).toBeVisible();
  await expect(card(page)).toContainText("1 of 2 approvals");
  await expect(card(page)).toContainText("already voted");
  expect((await warden.getApproval(approvalId)).status).toBe("PENDING");

  const other = await newPage(browser);
  await openApproval(other, approvalId, second);
  await expect(card(other)).toContainText("First pair of eyes.");
  await vote(other, "a", "Second pair of eyes.");
  await expect(other.getByText("Approved. The agent can go ahead")).toBeVisible();
  // The first approver's inbox sees it leave without reloading.
  await expect(page.locator(`li button[data-approval-id="${approvalId}"]`)).toHaveCount(0, {
    timeout: 2_500,
  });

  const state = await warden.waitForApproval(approvalId, { timeoutMs: 5_000 });
  expect(state).toMatchObject({ status: "APPROVED", approvals: 2 });
  const mismatch = await warden.decide({ ...mergeAction(8), approvalId });
  expect(mismatch.reason.code).toBe("APPROVAL_ACTION_MISMATCH");
  const approved = await warden.decide({ ...mergeAction(7), approvalId });
  expect(approved).toMatchObject({ decision: "allow", reason: { code: "APPROVED" } });
  const reused = await warden.decide({ ...mergeAction(7), approvalId });
  expect(reused.reason.code).toBe("APPROVAL_CONSUMED");
  await other.context().close();
});

test("the agent's owner cannot approve its action, even with the security role", async ({
  page,
  baseURL,
}) => {
  const agent = await createApprovalAgent({ prefix: "e2e-self", owner: DEMO.security });
  const warden = new WardenClient({ baseUrl: baseURL!, credential: agent.credential });
  const approvalId = (await warden.decide(mergeAction(9))).approval!.id;

  await openApproval(page, approvalId);
  await expect(card(page)).toContainText("You own this agent, so you cannot approve its actions.");
  await expect(card(page).getByRole("button", { name: "Approve…" })).toHaveCount(0);
  await page.locator("body").press("a");
  await expect(card(page).getByLabel("Comment (optional)")).toHaveCount(0);
  const votes = await sql("SELECT 1 FROM approval_votes WHERE approval_id = $1", [approvalId]);
  expect(votes).toHaveLength(0);
  expect((await warden.getApproval(approvalId)).status).toBe("PENDING");
});

test("an approval nobody decides expires: it leaves the inbox and the runtime is refused", async ({
  page,
  baseURL,
}) => {
  const agent = await createApprovalAgent({ prefix: "e2e-expiry", ttlSeconds: 8 });
  const warden = new WardenClient({ baseUrl: baseURL!, credential: agent.credential });
  await signIn(page, DEMO.security);
  const approvalId = (await warden.decide(mergeAction(11))).approval!.id;

  await page.goto(`/approvals?id=${approvalId}`);
  const item = page.locator(`li button[data-approval-id="${approvalId}"]`);
  await expect(item).toContainText(/0:0\d left/);
  await expect(item).toHaveCount(0, { timeout: 12_000 });
  expect((await warden.getApproval(approvalId)).status).toBe("EXPIRED");
  const late = await warden.decide({ ...mergeAction(11), approvalId });
  expect(late.reason.code).toBe("APPROVAL_EXPIRED");

  await page.goto(`/approvals?tab=history&agent=${agent.id}`);
  await expect(page.getByRole("row").filter({ hasText: agent.name })).toContainText("Expired");
});

test("when someone else decides first, the second approver is told plainly", async ({
  page,
  browser,
  baseURL,
}) => {
  const agent = await createApprovalAgent({ prefix: "e2e-race" });
  const second = await createSecondApprover();
  const warden = new WardenClient({ baseUrl: baseURL!, credential: agent.credential });
  const approvalId = (await warden.decide(mergeAction(13))).approval!.id;

  const late = await newPage(browser);
  await openApproval(late, approvalId, second);
  // The late approver's screen stops refreshing (a slow network), so they still see it pending.
  await late.route("**/api/trpc/**", (route) =>
    route.request().method() === "GET" ? route.abort() : route.continue(),
  );
  await openApproval(page, approvalId);
  await vote(page, "d", "Not during the release freeze.");
  await expect(page.getByText("Denied. The agent has been told.")).toBeVisible();

  await vote(late, "a", "Looks fine to me.");
  await expect(card(late)).toContainText("Someone else decided this first.");
  const rows = await sql<{ status: string; votes: number }>(
    "SELECT status::text, (SELECT count(*)::int FROM approval_votes WHERE approval_id = a.id) AS votes FROM approvals a WHERE id = $1",
    [approvalId],
  );
  expect(rows[0]).toEqual({ status: "DENIED", votes: 1 });
  expect((await warden.decide({ ...mergeAction(13), approvalId })).reason.code).toBe("APPROVAL_DENIED");
  await late.context().close();
});

test("keyboard: j / k move through the inbox, never while typing; filters live in the URL", async ({
  page,
  baseURL,
}) => {
  const agent = await createApprovalAgent({ prefix: "e2e-keys" });
  const warden = new WardenClient({ baseUrl: baseURL!, credential: agent.credential });
  const first = (await warden.decide(mergeAction(21))).approval!.id;
  const second = (await warden.decide(mergeAction(22))).approval!.id;

  await signIn(page, DEMO.security);
  await page.goto(`/approvals?agent=${agent.id}`);
  await expect(page.getByText("Keys:")).toBeVisible();
  const items = page.getByRole("list", { name: "Pending approvals" }).getByRole("button");
  await expect(items).toHaveCount(2);
  await expect(page.getByLabel("Agent", { exact: true })).toHaveValue(agent.id);
  await expect(card(page)).toHaveAttribute("data-approval-id", first);
  await page.locator("body").press("j");
  await expect(card(page)).toHaveAttribute("data-approval-id", second);
  await expect(page).toHaveURL(new RegExp(`id=${second}`));
  await page.locator("body").press("k");
  await expect(card(page)).toHaveAttribute("data-approval-id", first);

  await page.locator("body").press("d");
  const reason = card(page).getByLabel("Why deny it?");
  await reason.press("j");
  await expect(reason).toHaveValue("j");
  await expect(card(page)).toHaveAttribute("data-approval-id", first);
  await reason.fill("");
  await card(page).getByRole("button", { name: "Confirm denial" }).click();
  await expect(card(page)).toContainText("Say why you deny it");
  await reason.press("Escape");

  await page.getByLabel("Environment", { exact: true }).selectOption({ label: "dev" });
  await expect(page.getByText("No pending approvals match these filters")).toBeVisible();
  await expect(page).toHaveURL(/env=/);
  await page.screenshot({ path: `${SHOTS}/approvals-empty.png`, fullPage: true });
});

test("a plan envelope is shown as its steps and budget, and approving it approves the plan", async ({
  page,
}) => {
  const agent = await createApprovalAgent({ prefix: "e2e-plan" });
  const steps = [
    { tool: "github", operation: "pulls.merge", resource: "repo:acme/web", params: { pull_number: 42 } },
    {
      tool: "slack",
      operation: "chat.postMessage",
      resource: "slack:#releases",
      params: { text: "v2.4.0 is out" },
    },
  ];
  const budget = { calls: 5, spendCents: 0 };
  const [plan] = await sql<{ id: string }>(
    `INSERT INTO plans (org_id, agent_id, steps, budget, expires_at) VALUES ($1, $2, $3, $4, now() + interval '1 hour') RETURNING id`,
    [agent.orgId, agent.id, JSON.stringify(steps), JSON.stringify(budget)],
  );
  const [approval] = await sql<{ id: string }>(
    `INSERT INTO approvals (org_id, agent_id, plan_id, action_hash, action, rule_reason, expires_at)
     VALUES ($1, $2, $3, md5(random()::text), $4, 'Plans are approved once, as a whole.', now() + interval '10 minutes')
     RETURNING id`,
    [agent.orgId, agent.id, plan!.id, JSON.stringify({ plan: { steps, budget } })],
  );

  await openApproval(page, approval!.id);
  await expect(card(page).getByRole("heading", { level: 2 })).toHaveText(
    `${agent.name} wants approval for a plan of 2 steps (within 5 calls, $0.00 of spend)`,
  );
  await expect(
    card(page).getByRole("list", { name: "Plan steps" }).getByRole("listitem").first(),
  ).toContainText("merge pull request #42 in repo:acme/web");
  await expect(card(page)).toContainText("post a message in slack:#releases: “v2.4.0 is out”");
  await expect(card(page)).toContainText("At most 5 calls, $0.00 of spend for the whole plan.");
  await card(page).screenshot({ path: `${SHOTS}/approvals-plan-card.png` });
  await vote(page, "a", "Plan reviewed.");
  await expect(page.getByText("Approved. The agent can go ahead")).toBeVisible();
  const [row] = await sql<{ status: string }>("SELECT status::text FROM plans WHERE id = $1", [plan!.id]);
  expect(row?.status).toBe("APPROVED");
});
