import fs from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { issueCredential, sql } from "../api/runtime-support";
import { DEMO, signIn, uniqueName } from "../helpers";
import { bumpPolicy } from "./approvals-support";

// A compliance reviewer walks through an incident: security stops an agent that has a run with
// decisions and opens an incident from the switch; the auditor reads it (read-only), follows it
// to the run's timeline and exports both. The agent is this spec's own, so parallel specs are
// not affected; the switch is released at the end.

const SHOTS = process.env.WARDEN_SCREENSHOTS_DIR;
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

async function agentWithRun(page: Page) {
  const name = uniqueName("ks-bot");
  const [agent] = await sql<{ id: string; org_id: string }>(
    `INSERT INTO agents (org_id, name, purpose, owner_id, environment_id, autonomy, updated_at)
     SELECT o.id, $1, 'Merges release pull requests (e2e).', m.id, e.id, 3, now()
       FROM organizations o
       JOIN members m ON m.org_id = o.id JOIN users u ON u.id = m.user_id AND u.email = $2
       JOIN environments e ON e.org_id = o.id AND e.name = 'prod'
      WHERE o.slug = 'acme'
     RETURNING id, org_id`,
    [name, DEMO.owner],
  );
  await sql(
    `INSERT INTO grants (org_id, agent_id, operation_pattern, resource_patterns, updated_at)
     VALUES ($1, $2, 'github:pulls.merge', ARRAY['repo:acme/*'], now())`,
    [agent!.org_id, agent!.id],
  );
  await bumpPolicy(agent!.org_id);
  const credential = await issueCredential(name);
  const headers = { authorization: `Bearer ${credential}` };
  const run = await page.request.post("/api/runs", {
    headers,
    data: { trigger: { kind: "ticket", ref: `SEC-${name}` }, onBehalfOf: "user:alice@acme.test" },
  });
  expect(run.status()).toBe(201);
  const { runId } = (await run.json()) as { runId: string };
  const decide = (resource: string, number: number) =>
    page.request.post("/api/decide", {
      headers,
      data: { runId, tool: "github", operation: "pulls.merge", resource, params: { number } },
    });
  expect(((await (await decide("repo:acme/web", 7)).json()) as { decision: string }).decision).toBe("allow");
  expect(((await (await decide("repo:evil/web", 8)).json()) as { decision: string }).decision).toBe("deny");
  return { id: agent!.id, name, credential, runId, headers };
}

async function asUser(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test("kill switch → incident → run timeline → export", async ({ page, browser }) => {
  // The longest walkthrough (three people, two exports, a resume): 30–45 s here, more when the
  // machine is busy; it reached its last step at 60 s once. Triple the default timeout.
  test.slow();
  await signIn(page, DEMO.security);
  const agent = await agentWithRun(page);

  // From the agent's page to the kill switch, with the agent chosen.
  await page.goto(`/agents/${agent.id}`);
  await page.getByRole("link", { name: "Kill switch…" }).click();
  await expect(page).toHaveURL(new RegExp(`/kill-switch\\?agent=${agent.id}`));
  await expect(page.getByLabel("Agent", { exact: true })).toHaveValue(agent.id);
  await page.getByRole("button", { name: "Engage kill switch…" }).click();
  await expect(page.getByText("Say why (at least a few words)")).toBeVisible();
  await page.getByLabel("Reason").fill("Merging pull requests outside the release window");
  await page.getByRole("button", { name: "Engage kill switch…" }).click();
  await expect(page.getByText(`pause agent ${agent.name}`)).toBeVisible();
  await page.getByRole("button", { name: "Engage now" }).click();

  // Engaged: decisions are refused, and an incident is offered at once.
  const offer = page.getByRole("dialog", { name: "Open an incident" });
  await expect(offer).toBeVisible();
  await expect(offer.getByLabel("Title")).toHaveValue(`Kill switch: paused agent ${agent.name}`);
  const denied = await page.request.post("/api/decide", {
    headers: agent.headers,
    data: { tool: "github", operation: "pulls.merge", resource: "repo:acme/web", params: { number: 9 } },
  });
  expect(((await denied.json()) as { reason: { code: string } }).reason.code).toBe("AGENT_PAUSED");
  await offer.getByLabel("Severity").selectOption("critical");
  await offer.getByRole("button", { name: "Open incident" }).click();
  await expect(page).toHaveURL(/\/incidents\/inc_/);
  const incidentUrl = page.url();

  await page
    .getByRole("textbox", { name: "Note" })
    .fill("Paused the bot; reviewing what it merged in the last hour.");
  await page.getByRole("button", { name: "Add note" }).click();
  const timeline = page.getByRole("list", { name: "Incident timeline" });
  await expect(
    timeline.getByText("Paused the bot; reviewing what it merged in the last hour."),
  ).toBeVisible();
  await expect(timeline.getByText(`Kill switch engaged on agent ${agent.name}`)).toBeVisible();
  await expect(timeline.getByText("github pulls.merge on repo:evil/web")).toBeVisible();
  await page.getByRole("button", { name: "Mark mitigated" }).click();
  await expect(timeline.getByText("Open → Mitigated")).toBeVisible();
  await shot(page, "incident-security");
  await page.goto("/kill-switch");
  await expect(
    page.getByRole("region", { name: "Engaged kill switches" }).getByText(agent.name),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Engage kill switch…" })).toBeVisible();
  await shot(page, "kill-switch-engaged");

  // The auditor reads the incident, without forms, follows it to the run, and exports.
  const auditor = await asUser(browser, DEMO.auditor);
  await auditor.goto("/incidents");
  await auditor.getByRole("link", { name: `Kill switch: paused agent ${agent.name}` }).click();
  await expect(auditor).toHaveURL(incidentUrl);
  await expect(auditor.getByText("You can read and export this incident.")).toBeVisible();
  await expect(auditor.getByRole("form", { name: "Add a note" })).toHaveCount(0);
  await expect(auditor.getByRole("button", { name: "Mark resolved" })).toHaveCount(0);
  const auditorTimeline = auditor.getByRole("list", { name: "Incident timeline" });
  await expect(
    auditorTimeline.getByText("Paused the bot; reviewing what it merged in the last hour."),
  ).toBeVisible();
  await shot(auditor, "incident-auditor");

  const [json] = await Promise.all([
    auditor.waitForEvent("download"),
    auditor.getByRole("link", { name: "Export JSON", exact: true }).click(),
  ]);
  const exported = JSON.parse(await fs.readFile(await json.path(), "utf8")) as {
    incident: { title: string; status: string };
    links: { runs: { id: string }[] };
    timeline: { kind: string; detail: string | null }[];
    exportedBy: string;
  };
  expect(exported.incident).toMatchObject({
    title: `Kill switch: paused agent ${agent.name}`,
    status: "MITIGATED",
  });
  expect(exported.links.runs.map((r) => r.id)).toEqual([agent.runId]);
  expect(exported.exportedBy).toBe(DEMO.auditor);
  expect(exported.timeline.filter((t) => t.kind === "decision")).toHaveLength(2);
  const [md] = await Promise.all([
    auditor.waitForEvent("download"),
    auditor.getByText("Export Markdown").click(),
  ]);
  expect(await fs.readFile(await md.path(), "utf8")).toContain(
    `# Incident: Kill switch: paused agent ${agent.name}`,
  );

  await auditor.getByRole("link", { name: `Run timeline ${agent.runId}` }).click();
  await expect(auditor).toHaveURL(new RegExp(`/runs/${agent.runId}$`));
  await expect(auditor.getByRole("list", { name: "Run timeline" })).toBeVisible();
  const [runExport] = await Promise.all([
    auditor.waitForEvent("download"),
    auditor.getByRole("link", { name: "Export JSON", exact: true }).click(),
  ]);
  expect(runExport.suggestedFilename()).toBe(`${agent.runId}.json`);
  await auditor.context().close();

  // Security resumes: a reason is required; the agent acts again.
  await page.goto("/kill-switch");
  const row = page
    .getByRole("region", { name: "Engaged kill switches" })
    .getByRole("listitem")
    .filter({ hasText: agent.name });
  await row.getByRole("button", { name: "Resume…" }).click();
  const resume = page.getByRole("dialog", { name: `Resume ${agent.name}?` });
  await expect(resume.getByRole("button", { name: "Resume" })).toBeDisabled();
  await resume.getByLabel("Reason").fill("Release window respected again; token rotated");
  await resume.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByText(`Released the kill switch on ${agent.name}: agent active.`)).toBeVisible();
  await expect(page.getByRole("table").getByText(agent.name)).toBeVisible();
  await expect
    .poll(async () => {
      const answer = await page.request.post("/api/decide", {
        headers: agent.headers,
        data: { tool: "github", operation: "pulls.merge", resource: "repo:acme/web", params: { number: 10 } },
      });
      return ((await answer.json()) as { decision: string }).decision;
    })
    .toBe("allow");
  if ((await page.getByRole("region", { name: "Engaged kill switches" }).count()) === 0) {
    await expect(page.getByRole("button", { name: "Engage kill switch…" })).toBeVisible();
    await shot(page, "kill-switch-none");
  }
});

test("the auditor sees the kill switch page without controls", async ({ page, request }) => {
  // Exports authorize inside the handler: no session is 401, an unknown incident 404, a bad format 400.
  expect((await request.get("/api/export/incidents/inc_none?format=json")).status()).toBe(401);
  await signIn(page, DEMO.auditor);
  await page.goto("/kill-switch");
  await expect(page.getByRole("heading", { name: "Kill switch" })).toBeVisible();
  await expect(page.getByText("Your role can see the switches but not use them.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Engage kill switch…" })).toHaveCount(0);
  await page.goto("/incidents");
  await expect(page.getByRole("heading", { name: "Incidents" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Open an incident" })).toHaveCount(0);
  // The server is the authority: the procedures refuse the auditor too.
  const origin = new URL(page.url()).origin;
  for (const [path, input] of [
    ["killSwitch.engage", { scope: "ORG", reason: "auditor tries" }],
    ["incidents.open", { title: "Auditor tries", severity: "low" }],
  ] as const) {
    const res = await page.request.post(`/api/trpc/${path}`, {
      headers: { origin, "content-type": "application/json" },
      data: { json: input },
    });
    expect(res.status()).toBe(403);
  }
  expect((await page.request.get("/api/export/incidents/inc_none?format=json")).status()).toBe(404);
  expect((await page.request.get("/api/export/incidents/inc_none?format=pdf")).status()).toBe(400);
});
