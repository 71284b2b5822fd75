// POST /api/decide through the real built server, with credentials issued by the CLI for the
// demo fleet's agents (prisma/demo-fleet.yaml).
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import { issueCredential, uniqueKey } from "./runtime-support";

let docsWriter: string;
let releaseBot: string;

test.beforeAll(async () => {
  [docsWriter, releaseBot] = await Promise.all([
    issueCredential("docs-writer"),
    issueCredential("release-bot"),
  ]);
});

type Answer = {
  decision?: string;
  decisionId?: string;
  reason?: { code: string; message: string };
  error?: { code: string; message: string };
};

async function decide(
  request: APIRequestContext,
  bearer: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const response = await request.post("/api/decide", {
    headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json", ...headers },
    data: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status(), headers: response.headers(), body: (await response.json()) as Answer };
}

const readDocs = (overrides: Record<string, unknown> = {}) => ({
  tool: "github",
  operation: "repos.get",
  resource: "repo:acme/docs",
  params: { owner: "acme", repo: "docs" },
  ...overrides,
});

test("allows what a grant covers and denies what none does", async ({ request }) => {
  const allowed = await decide(request, docsWriter, readDocs());
  expect(allowed.status).toBe(200);
  expect(allowed.body).toMatchObject({ decision: "allow", reason: { code: "ALLOWED_BY_GRANT" } });
  expect(allowed.body.decisionId).toMatch(/^dec_/);

  const denied = await decide(
    request,
    docsWriter,
    readDocs({ resource: "repo:acme/web", params: { owner: "acme", repo: "web" } }),
  );
  expect(denied.body).toMatchObject({ decision: "deny", reason: { code: "NO_MATCHING_GRANT" } });
});

test("denies parameters outside the grant (PARAMS_OUT_OF_SCOPE)", async ({ request }) => {
  const post = (text: string) => ({
    tool: "slack",
    operation: "chat.postMessage",
    resource: "slack:#releases",
    params: { channel: "#releases", text },
  });
  expect((await decide(request, releaseBot, post("v2.4.0 is out"))).body.reason?.code).toBe(
    "ALLOWED_BY_GRANT",
  );
  const tooLong = await decide(request, releaseBot, post("x".repeat(4001)));
  expect(tooLong.body).toMatchObject({ decision: "deny", reason: { code: "PARAMS_OUT_OF_SCOPE" } });
});

test("refuses bad credentials (401), malformed (400) and oversize (413) requests", async ({ request }) => {
  for (const bearer of ["wdn_nope_nope", "not-a-token"]) {
    const answer = await decide(request, bearer, readDocs());
    expect(answer.status).toBe(401);
    expect(answer.body.error?.code).toBe("AUTHENTICATION_FAILED");
  }
  const anonymous = await request.post("/api/decide", { data: readDocs() });
  expect(anonymous.status()).toBe(401);

  for (const [body, code] of [
    [readDocs({ agentId: "someone-else" }), "INVALID_REQUEST"],
    [
      '{"tool":"github","tool":"shell","operation":"repos.get","resource":"repo:acme/docs"}',
      "INVALID_REQUEST",
    ],
    [readDocs({ resource: "repo:acme/docs/../web" }), "NON_CANONICAL_RESOURCE"],
  ] as const) {
    const answer = await decide(request, docsWriter, body);
    expect(answer.status, code).toBe(400);
    expect(answer.body.error?.code).toBe(code);
  }

  const huge = await decide(
    request,
    docsWriter,
    readDocs({ params: { owner: "acme", repo: "docs", pad: "x".repeat(70_000) } }),
  );
  expect(huge.status).toBe(413);
  expect(huge.body.error?.code).toBe("PAYLOAD_TOO_LARGE");
});

test("replays an idempotency key's answer and refuses its reuse for another request (422)", async ({
  request,
}) => {
  const idempotencyKey = uniqueKey("e2e");
  const first = await decide(request, docsWriter, readDocs({ idempotencyKey }));
  const replay = await decide(request, docsWriter, readDocs({ idempotencyKey }));
  expect(replay.status).toBe(200);
  expect(replay.headers["idempotent-replayed"]).toBe("true");
  expect(replay.body.decisionId).toBe(first.body.decisionId);
  const conflict = await decide(request, docsWriter, readDocs({ idempotencyKey, resource: "repo:acme/web" }));
  expect(conflict.status).toBe(422);
  expect(conflict.body.error?.code).toBe("IDEMPOTENCY_CONFLICT");
});

test("issues audience-bound tokens verifiable with the published keys", async ({ request }) => {
  const jwks = (await (await request.get("/.well-known/jwks.json")).json()) as JSONWebKeySet;
  expect(jwks.keys.length).toBeGreaterThan(0);

  const exchanged = await request.post("/api/token", { headers: { authorization: `Bearer ${docsWriter}` } });
  expect(exchanged.status()).toBe(200);
  const { token, audience, expiresIn } = (await exchanged.json()) as {
    token: string;
    audience: string;
    expiresIn: number;
  };
  expect(audience).toBe("warden:decide");
  expect(expiresIn).toBeLessThanOrEqual(900);
  const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
    audience: "warden:decide",
    issuer: "warden",
  });
  expect(payload.sub).toMatch(/\S/);

  expect((await decide(request, token, readDocs())).body.reason?.code).toBe("ALLOWED_BY_GRANT");
  // A token cannot mint another, and a tampered one is refused.
  const chained = await request.post("/api/token", { headers: { authorization: `Bearer ${token}` } });
  expect(chained.status()).toBe(401);
  expect((await decide(request, `${token.slice(0, -4)}AAAA`, readDocs())).status).toBe(401);
});
