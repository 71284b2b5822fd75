// Plan envelopes end to end: a runtime (the SDK in this test) submits a plan, security approves it
// once in the inbox (Chromium, /approvals), and the runtime's matching actions are then allowed
// as PLAN_APPROVED until the budget is used up; a deviation asks for approval again.
import { expect, test, type Page } from "@playwright/test";
import { WardenClient } from "../../sdk/index";
import { DEMO, signIn } from "../helpers";
import { createApprovalAgent, mergeAction } from "../ui/approvals-support";
import { sql } from "./runtime-support";

const SHOTS = "test-results/screens";
const card = (page: Page) => page.getByRole("article", { name: "Approval details" });

test("a plan approved once in the inbox covers its steps, within its budget", async ({ page, baseURL }) => {
  // An agent whose grant asks for approval of every merge.
  const agent = await createApprovalAgent({ prefix: "e2e-plan" });
  const warden = new WardenClient({ baseUrl: baseURL!, credential: agent.credential });
  const run = await warden.startRun({ trigger: { kind: "ticket", ref: "REL-77" } });

  const refused = await warden
    .submitPlan({
      steps: [{ tool: "github", operation: "repos.delete", resource: "repo:acme/web" }],
      budget: { calls: 1 },
    })
    .catch((error: unknown) => error);
  expect(refused).toMatchObject({ status: 403, code: "PLAN_OUT_OF_SCOPE" });

  const submitted = await warden.submitPlan({
    runId: run.runId,
    steps: [{ tool: "github", operation: "pulls.merge", resource: "repo:acme/web" }],
    budget: { calls: 2 },
    summary: "Merge the two release pull requests of REL-77.",
  });
  expect(submitted).toMatchObject({
    status: "PENDING",
    approval: { id: expect.stringMatching(/^apr_/) as unknown },
  });
  const waiting = warden.waitForApproval(submitted.approval.id, { timeoutMs: 45_000 });

  await signIn(page, DEMO.security);
  await page.goto(`/approvals?id=${submitted.approval.id}`);
  await expect(card(page)).toHaveAttribute("data-approval-id", submitted.approval.id);
  await expect(card(page)).toContainText("plan of 1 step");
  await expect(card(page)).toContainText("repo:acme/web");
  await card(page).screenshot({ path: `${SHOTS}/approvals-plan-card.png` });
  await page.locator("body").press("a");
  await card(page).getByLabel("Comment (optional)").fill("Release plan reviewed.");
  await card(page).getByRole("button", { name: "Confirm approval" }).click();
  await expect(page.getByText(/Approved/).first()).toBeVisible();

  expect((await waiting).status).toBe("APPROVED");
  expect((await warden.getPlan(submitted.planId)).status).toBe("APPROVED");

  // Instances reload policy on the approval's NOTIFY; the first matching call may race it.
  await expect
    .poll(async () => (await warden.decide(mergeAction(101, run.runId))).reason.code, { timeout: 5_000 })
    .toBe("PLAN_APPROVED");
  const second = await warden.decide(mergeAction(102, run.runId));
  expect(second).toMatchObject({
    decision: "allow",
    reason: { code: "PLAN_APPROVED" },
    plan: { id: submitted.planId, budget: [{ metric: "calls", used: 2, limit: 2 }] },
  });
  // The budget is used up: the envelope refuses, naming the plan.
  const over = await warden.decide(mergeAction(103, run.runId));
  expect(over).toMatchObject({
    decision: "deny",
    reason: { code: "QUOTA_EXCEEDED" },
    plan: { id: submitted.planId },
  });
  // A deviation (another repository) is evaluated as before: it needs its own approval.
  const deviation = await warden.decide({ ...mergeAction(104, run.runId), resource: "repo:acme/api" });
  expect(deviation).toMatchObject({ decision: "require_approval", reason: { code: "APPROVAL_REQUIRED" } });

  expect(await warden.getPlan(submitted.planId)).toMatchObject({ status: "EXHAUSTED", used: { calls: 2 } });
  const rows = await sql<{ n: number }>(
    "SELECT count(*)::int AS n FROM decisions WHERE plan_id = $1 AND reason_code = 'PLAN_APPROVED'",
    [submitted.planId],
  );
  expect(rows[0]?.n).toBe(2);
});
