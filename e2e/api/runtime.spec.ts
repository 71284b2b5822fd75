// The rest of the runtime API through the real built server: the OpenAPI document, runs and
// outcomes over plain HTTP, and the SDK's guard() through an approval decided in SQL (as the
// approval inbox will: update the row, then NOTIFY warden_approval).
import { expect, test } from "@playwright/test";
import { WardenClient, WardenDeniedError } from "../../sdk/index";
import { issueCredential, sql } from "./runtime-support";

let docsWriter: string;
let refundAssistant: string;

test.beforeAll(async () => {
  [docsWriter, refundAssistant] = await Promise.all([
    issueCredential("docs-writer"),
    issueCredential("refund-assistant"),
  ]);
});

test("serves the OpenAPI document of every runtime endpoint, with the reason codes", async ({ request }) => {
  const response = await request.get("/api/openapi.json");
  expect(response.status()).toBe(200);
  const document = (await response.json()) as {
    openapi: string;
    paths: Record<string, unknown>;
    components: { schemas: { ReasonCode: { enum: string[] } }; securitySchemes: Record<string, unknown> };
  };
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths).sort()).toEqual(
    [
      "/.well-known/jwks.json",
      "/api/approvals/{id}",
      "/api/decide",
      "/api/decisions/{id}/outcome",
      "/api/health",
      "/api/openapi.json",
      "/api/plans",
      "/api/plans/{id}",
      "/api/plans/{id}/cancel",
      "/api/runs",
      "/api/runs/{id}/end",
      "/api/token",
    ].sort(),
  );
  expect(document.components.schemas.ReasonCode.enum).toEqual(
    expect.arrayContaining(["ALLOWED_BY_GRANT", "NO_MATCHING_GRANT", "APPROVAL_REQUIRED", "QUOTA_EXCEEDED"]),
  );
  expect(document.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
});

test("starts a run, reports an outcome once and ends the run once", async ({ request }) => {
  const headers = { authorization: `Bearer ${docsWriter}` };
  const started = await request.post("/api/runs", {
    headers,
    data: { trigger: { kind: "ticket", ref: "DOC-7" }, model: { provider: "anthropic", name: "claude" } },
  });
  expect(started.status()).toBe(201);
  const { runId } = (await started.json()) as { runId: string };

  const decided = await request.post("/api/decide", {
    headers,
    data: {
      runId,
      tool: "github",
      operation: "pulls.create",
      resource: "repo:acme/docs",
      params: { title: "Docs" },
    },
  });
  const { decision, decisionId } = (await decided.json()) as { decision: string; decisionId: string };
  expect(decision).toBe("allow");

  const outcome = {
    status: "success",
    resultDigest: "a".repeat(64),
    sideEffects: [
      { kind: "github.pull_request", url: "https://github.com/acme/docs/pull/12", externalId: "12" },
    ],
  };
  const reported = await request.post(`/api/decisions/${decisionId}/outcome`, { headers, data: outcome });
  expect(reported.status()).toBe(201);
  expect(((await reported.json()) as { events: { kind: string }[] }).events.map((e) => e.kind)).toEqual([
    "OUTCOME",
    "SIDE_EFFECT",
  ]);
  expect(
    (await request.post(`/api/decisions/${decisionId}/outcome`, { headers, data: outcome })).status(),
  ).toBe(409);
  const links = await sql<{ external_url: string }>(
    "SELECT external_url FROM run_events WHERE run_id = $1 AND kind = 'SIDE_EFFECT'",
    [runId],
  );
  expect(links.map((l) => l.external_url)).toEqual(["https://github.com/acme/docs/pull/12"]);

  const ended = await request.post(`/api/runs/${runId}/end`, { headers, data: { status: "succeeded" } });
  expect(ended.status()).toBe(200);
  expect(((await ended.json()) as { status: string }).status).toBe("succeeded");
  const again = await request.post(`/api/runs/${runId}/end`, { headers, data: { status: "failed" } });
  expect(again.status()).toBe(409);
  expect(((await again.json()) as { error: { code: string } }).error.code).toBe("CONFLICT");
});

test("guard() waits for a person's approval, runs the tool and reports it", async ({ baseURL }) => {
  const warden = new WardenClient({ baseUrl: baseURL!, credential: refundAssistant });
  const run = await warden.startRun({ trigger: { kind: "user", ref: "refund-ticket-1" } });
  let approvalId = "";
  const refund = warden.guard(
    (charge: string, amount: number) => Promise.resolve({ id: "re_123", charge, amount }),
    (charge, amount) => ({
      runId: run.runId,
      tool: "stripe",
      operation: "refunds.create",
      resource: `stripe:charge/${charge}`,
      params: { charge, amount },
    }),
    {
      approvalTimeoutMs: 20_000,
      sideEffects: (result) => [{ kind: "stripe.refund", externalId: result.id }],
      onApprovalRequired: (approval) => {
        approvalId = approval.id;
        // Security approves in the inbox (here: in SQL, then the notification the inbox sends).
        void sql("UPDATE approvals SET status = 'APPROVED', decided_at = now() WHERE id = $1", [
          approval.id,
        ]).then(() => sql("SELECT pg_notify('warden_approval', $1)", [approval.id]));
      },
    },
  );

  expect(await refund("ch_123", 500)).toEqual({ id: "re_123", charge: "ch_123", amount: 500 });
  expect(approvalId).toMatch(/^apr_/);
  const [approval] = await sql<{ status: string }>("SELECT status::text FROM approvals WHERE id = $1", [
    approvalId,
  ]);
  expect(approval?.status).toBe("CONSUMED");
  const decisions = await sql<{ reason_code: string }>(
    "SELECT reason_code FROM decisions WHERE run_id = $1 ORDER BY created_at",
    [run.runId],
  );
  expect(decisions.map((d) => d.reason_code)).toEqual(["APPROVAL_REQUIRED", "APPROVED"]);
  const [outcome] = await sql<{ status: string }>(
    "SELECT status FROM run_events WHERE run_id = $1 AND kind = 'OUTCOME'",
    [run.runId],
  );
  expect(outcome?.status).toBe("success");

  // The approval is the agent's own: another agent cannot read it.
  const other = new WardenClient({ baseUrl: baseURL!, credential: docsWriter });
  await expect(other.getApproval(approvalId)).rejects.toMatchObject({ status: 404 });

  // Outside its grants the guarded tool never runs.
  const tooBig = await refund("ch_123", 60_000).catch((e: unknown) => e);
  expect(tooBig).toBeInstanceOf(WardenDeniedError);
  expect((tooBig as WardenDeniedError).code).toBe("PARAMS_OUT_OF_SCOPE");
  await warden.endRun(run.runId, { status: "succeeded" });
});
