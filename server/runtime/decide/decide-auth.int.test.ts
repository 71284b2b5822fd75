// Agent authentication (credentials and tokens), strict input and idempotency, over real HTTP.
import { createLocalJWKSet, importJWK, jwtVerify, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { SYSTEM_ACTOR } from "@/server/domain/audit/write-audit-event";
import { revokeCredential } from "@/server/domain/credentials/revoke-credential";
import { rotateCredential } from "@/server/domain/credentials/rotate-credential";
import {
  bump,
  code,
  createDecideOrg,
  decide,
  githubGrant,
  mergeRequest,
  seedAgent,
  startRuntime,
  type DecideOrg,
  type RunningRuntime,
} from "../__tests__/runtime-harness";

let runtime: RunningRuntime;
let org: DecideOrg;

beforeAll(async () => {
  runtime = await startRuntime();
  org = await createDecideOrg();
});
afterAll(() => runtime.close());

const ctx = () => ({ orgId: org.id, actor: SYSTEM_ACTOR });

async function token(secret: string, body?: unknown) {
  const response = await fetch(`${runtime.url}/api/token`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { token?: string; expiresIn?: number; error?: { code: string } },
  };
}

/** Poll until `check` holds, for at most `ms`; returns how long it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}

describe("credentials", () => {
  it.each([
    ["no header", undefined],
    ["not a bearer", "Basic abc"],
    ["an unknown credential", "Bearer wdn_aaaaaaaaaaaa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["garbage", "Bearer not-a-token"],
  ])("refuses %s with 401", async (_name, authorization) => {
    const response = await fetch(`${runtime.url}/api/decide`, {
      method: "POST",
      headers: authorization ? { authorization } : {},
      body: JSON.stringify(mergeRequest()),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("AUTHENTICATION_FAILED");
  });

  it("refuses the right prefix with the wrong secret", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    const forged = `${agent.secret.slice(0, -4)}AAAA`;
    expect((await decide(runtime.url, forged, mergeRequest())).status).toBe(401);
    expect((await decide(runtime.url, agent.secret, mergeRequest())).status).toBe(200);
  });

  it("a revoked credential stops working within a second", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    expect(code(await decide(runtime.url, agent.secret, mergeRequest()))).toBe("ALLOWED_BY_GRANT");
    await db.$transaction((tx) =>
      revokeCredential(tx, { ...ctx(), credentialId: agent.credentialId, reason: "leaked in a log" }),
    );
    const took = await within(
      1000,
      async () => (await decide(runtime.url, agent.secret, mergeRequest())).status === 401,
    );
    expect(took).toBeLessThan(1000);
  });

  it("rotation keeps the old secret during the grace period, then refuses it", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    const rotated = await db.$transaction((tx) =>
      rotateCredential(tx, { ...ctx(), credentialId: agent.credentialId, graceSeconds: 3600 }),
    );
    expect(code(await decide(runtime.url, agent.secret, mergeRequest()))).toBe("ALLOWED_BY_GRANT");
    expect(code(await decide(runtime.url, rotated.secret, mergeRequest()))).toBe("ALLOWED_BY_GRANT");
    await db.credential.update({
      where: { id: agent.credentialId },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    await bump(org.id);
    await within(1000, async () => (await decide(runtime.url, agent.secret, mergeRequest())).status === 401);
    expect(code(await decide(runtime.url, rotated.secret, mergeRequest()))).toBe("ALLOWED_BY_GRANT");
  });
});

describe("tokens", () => {
  it("exchanges a credential for an ES256 token verifiable through the JWKS", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    const issued = await token(agent.secret);
    expect(issued.status).toBe(200);
    expect(issued.body.expiresIn).toBe(900);
    const jwks = (await (await fetch(`${runtime.url}/.well-known/jwks.json`)).json()) as { keys: JWK[] };
    const { payload, protectedHeader } = await jwtVerify(issued.body.token!, createLocalJWKSet(jwks), {
      audience: "warden:decide",
      issuer: "warden",
    });
    expect(protectedHeader.alg).toBe("ES256");
    expect(payload.sub).toBe(agent.id);
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(900);

    const answer = await decide(runtime.url, issued.body.token!, mergeRequest());
    expect(code(answer)).toBe("ALLOWED_BY_GRANT");
    const row = await db.decision.findUniqueOrThrow({ where: { id: answer.body.decisionId! } });
    expect(row.credentialId).toBe(agent.credentialId);
  });

  it("binds the audience: warden:decide or the org, nothing else", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    const forOrg = await token(agent.secret, { audience: org.id, ttlSeconds: 120 });
    expect(code(await decide(runtime.url, forOrg.body.token!, mergeRequest()))).toBe("ALLOWED_BY_GRANT");
    expect((await token(agent.secret, { audience: "https://evil.example" })).status).toBe(400);
    expect((await token(agent.secret, { ttlSeconds: 3600 })).status).toBe(400);
    // A token cannot be exchanged for another one.
    expect((await token(forOrg.body.token!)).status).toBe(401);
  });

  it("refuses tokens that are tampered with, expired, too long-lived or for another audience", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    const good = (await token(agent.secret)).body.token!;
    const [h, p, s] = good.split(".");
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, "base64url").toString()), sub: "agt_other" })).toString("base64url")}.${s}`;
    expect((await decide(runtime.url, tampered, mergeRequest())).status).toBe(401);

    const key = await db.signingKey.findFirstOrThrow({
      where: { retiredAt: null },
      orderBy: { createdAt: "asc" },
    });
    const privateKey = await importJWK(key.privateJwk as JWK, "ES256");
    const forge = (claims: { aud?: string; iat: number; exp: number }) =>
      new SignJWT({ org: org.id, cid: agent.credentialId, env: agent.environmentId })
        .setProtectedHeader({ alg: "ES256", kid: key.kid })
        .setIssuer("warden")
        .setSubject(agent.id)
        .setAudience(claims.aud ?? "warden:decide")
        .setIssuedAt(claims.iat)
        .setExpirationTime(claims.exp)
        .sign(privateKey);
    const now = Math.floor(Date.now() / 1000);
    expect(
      (await decide(runtime.url, await forge({ iat: now, exp: now + 300 }), mergeRequest())).status,
    ).toBe(200);
    expect(
      (await decide(runtime.url, await forge({ iat: now - 1000, exp: now - 100 }), mergeRequest())).status,
    ).toBe(401);
    expect(
      (await decide(runtime.url, await forge({ iat: now, exp: now + 3600 }), mergeRequest())).status,
    ).toBe(401);
    expect(
      (
        await decide(
          runtime.url,
          await forge({ aud: "warden:admin", iat: now, exp: now + 300 }),
          mergeRequest(),
        )
      ).status,
    ).toBe(401);
  });

  it("a token stops working within a second of its credential's revocation", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    const issued = (await token(agent.secret)).body.token!;
    expect(code(await decide(runtime.url, issued, mergeRequest()))).toBe("ALLOWED_BY_GRANT");
    await db.$transaction((tx) =>
      revokeCredential(tx, { ...ctx(), credentialId: agent.credentialId, reason: "compromised" }),
    );
    await within(1000, async () => (await decide(runtime.url, issued, mergeRequest())).status === 401);
  });

  it("a token carries its environment: ENVIRONMENT_MISMATCH if the agent is elsewhere now", async () => {
    const agent = await seedAgent(org, { env: "dev", grants: [githubGrant()] });
    const issued = (await token(agent.secret)).body.token!;
    await db.agent.update({ where: { id: agent.id }, data: { environmentId: org.env.prod } });
    await bump(org.id);
    await within(
      1000,
      async () => code(await decide(runtime.url, issued, mergeRequest())) === "ENVIRONMENT_MISMATCH",
    );
  });
});

describe("strict input", () => {
  let secret: string;
  beforeAll(async () => {
    secret = (await seedAgent(org, { grants: [githubGrant()] })).secret;
  });

  it.each([
    ["an unknown field", JSON.stringify({ ...mergeRequest(), agentId: "agt_x" }), "INVALID_REQUEST"],
    [
      "a duplicate key",
      '{"tool":"github","operation":"pulls.merge","resource":"repo:acme/web","params":{"number":1,"number":99999}}',
      "INVALID_REQUEST",
    ],
    [
      "deep nesting",
      JSON.stringify(
        mergeRequest({ params: JSON.parse(`${'{"a":'.repeat(40)}1${"}".repeat(40)}`) as object }),
      ),
      "INVALID_REQUEST",
    ],
    [
      "a .. segment",
      JSON.stringify(mergeRequest({ resource: "repo:acme/web/../../admin" })),
      "NON_CANONICAL_RESOURCE",
    ],
    [
      "an encoded slash",
      JSON.stringify(mergeRequest({ resource: "repo:acme%2Fweb" })),
      "NON_CANONICAL_RESOURCE",
    ],
    [
      "a trailing slash",
      JSON.stringify(mergeRequest({ resource: "repo:acme/web/" })),
      "NON_CANONICAL_RESOURCE",
    ],
    ["a NUL", JSON.stringify(mergeRequest({ resource: "repo:acme/web\u0000x" })), "NON_CANONICAL_RESOURCE"],
    [
      "NFD unicode",
      JSON.stringify(mergeRequest({ resource: "repo:acme/cafe\u0301" })),
      "NON_CANONICAL_RESOURCE",
    ],
    ["an unknown run", JSON.stringify(mergeRequest({ runId: "run_doesnotexist" })), "INVALID_REQUEST"],
  ])("400 for %s", async (_name, body, expected) => {
    const answer = await decide(runtime.url, secret, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe(expected);
  });

  it("400 for a body that is not UTF-8 or not JSON", async () => {
    const bad = await fetch(`${runtime.url}/api/decide`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}` },
      body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
    });
    expect(bad.status).toBe(400);
    const form = await fetch(`${runtime.url}/api/decide`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/x-www-form-urlencoded" },
      body: "tool=github",
    });
    expect(form.status).toBe(400);
  });

  it("413 for a body over 64 KB, declared or streamed", async () => {
    const big = JSON.stringify(mergeRequest({ params: { blob: "x".repeat(70 * 1024) } }));
    const answer = await decide(runtime.url, secret, big);
    expect(answer.status).toBe(413);
    expect(answer.body.error?.code).toBe("PAYLOAD_TOO_LARGE");
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await fetch(`${runtime.url}/api/decide`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}` },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it("no decision row is written for a refused request", async () => {
    const agent = await seedAgent(org, { grants: [githubGrant()] });
    await decide(runtime.url, agent.secret, JSON.stringify({ ...mergeRequest(), extra: 1 }));
    expect(await db.decision.count({ where: { agentId: agent.id } })).toBe(0);
  });
});

describe("idempotency", () => {
  it("the same key and body replay the stored answer without a second quota unit", async () => {
    const agent = await seedAgent(org, {
      grants: [githubGrant()],
      quotas: [{ metric: "calls", window: "day", limit: 10 }],
    });
    const body = mergeRequest({ idempotencyKey: "merge-42" });
    const first = await decide(runtime.url, agent.secret, body);
    const again = await decide(runtime.url, agent.secret, { ...body, params: { number: 42 } });
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const usage = await db.quotaUsage.findFirstOrThrow({ where: { agentId: agent.id } });
    expect(usage.used).toBe(1n);
    const conflict = await decide(runtime.url, agent.secret, { ...body, params: { number: 43 } });
    expect(conflict.status).toBe(422);
    expect(conflict.body.error?.code).toBe("IDEMPOTENCY_CONFLICT");
  });

  it("concurrent requests with one key make one decision", async () => {
    const agent = await seedAgent(org, {
      grants: [githubGrant()],
      quotas: [{ metric: "calls", window: "day", limit: 100 }],
    });
    const body = mergeRequest({ idempotencyKey: "burst" });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => decide(runtime.url, agent.secret, body)),
    );
    expect(new Set(answers.map((a) => a.body.decisionId)).size).toBe(1);
    expect(await db.decision.count({ where: { agentId: agent.id } })).toBe(1);
    expect((await db.quotaUsage.findFirstOrThrow({ where: { agentId: agent.id } })).used).toBe(1n);
  });
});
