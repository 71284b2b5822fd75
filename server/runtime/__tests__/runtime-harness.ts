// Test support for the runtime API: a real runtime handler on an ephemeral port, on the test
// database, and orgs with agents, grants, quotas and credentials made through real rows.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type pg from "pg";
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { generateCredentialSecret } from "@/server/domain/credentials/secret";
import { bumpPolicyVersion } from "@/server/domain/policy/bump-policy-version";
import { createPgPool } from "@/server/runtime/pg-pool";
import { createRuntimeHandler, type RuntimeDeps, type RuntimeHandler } from "@/server/runtime/handler";
import { createTestOrg, rand, type TestOrg } from "@/test/factories";

export type RunningRuntime = {
  url: string;
  handler: RuntimeHandler;
  pool: pg.Pool;
  close: () => Promise<void>;
};

export async function startRuntime(
  options: Partial<RuntimeDeps> & { connectionString?: string } = {},
): Promise<RunningRuntime> {
  const pool = options.pool ?? createPgPool(options.connectionString ?? process.env.DATABASE_URL!, 10);
  const handler = createRuntimeHandler({ ...options, pool });
  const server = http.createServer((req, res) => {
    handler(req, res)
      .then((handled) => {
        if (!handled) {
          res.writeHead(404).end();
        }
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
        else res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    handler,
    pool,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await handler.close();
      if (!options.pool) await pool.end();
    },
  };
}

export type DecideOrg = TestOrg;

/** A test org with a small tool catalog: GitHub operations of every effect class and a Stripe spend. */
export async function createDecideOrg(): Promise<DecideOrg> {
  const org = await createTestOrg();
  const github = await db.tool.create({ data: { orgId: org.id, name: "github" } });
  const stripe = await db.tool.create({ data: { orgId: org.id, name: "stripe" } });
  await db.operation.createMany({
    data: [
      { orgId: org.id, toolId: github.id, name: "pulls.get", effect: "READ" },
      { orgId: org.id, toolId: github.id, name: "pulls.merge", effect: "WRITE" },
      { orgId: org.id, toolId: github.id, name: "repos.delete", effect: "DELETE" },
      { orgId: org.id, toolId: github.id, name: "org.admin", effect: "ADMIN" },
      { orgId: org.id, toolId: stripe.id, name: "refunds.create", effect: "SPEND" },
    ],
  });
  return org;
}

export type SeedAgentOptions = {
  env?: "dev" | "staging" | "prod";
  autonomy?: number;
  parentId?: string;
  maxPendingApprovals?: number;
  grants?: Omit<Prisma.GrantUncheckedCreateInput, "orgId" | "agentId">[];
  quotas?: {
    metric: "calls" | "writes" | "spendCents" | "tokens";
    window: "run" | "hour" | "day";
    limit: number;
  }[];
};

export type SeededAgent = { id: string; secret: string; credentialId: string; environmentId: string };

export async function seedAgent(org: DecideOrg, options: SeedAgentOptions = {}): Promise<SeededAgent> {
  const environmentId = org.env[options.env ?? "dev"];
  const agent = await db.agent.create({
    data: {
      orgId: org.id,
      name: `agent-${rand(4)}`,
      ownerId: org.owner.id,
      environmentId,
      autonomy: options.autonomy ?? 3,
      parentId: options.parentId,
      maxPendingApprovals: options.maxPendingApprovals ?? 20,
    },
  });
  for (const grant of options.grants ?? []) {
    await db.grant.create({ data: { ...grant, orgId: org.id, agentId: agent.id } });
  }
  for (const quota of options.quotas ?? []) {
    await db.quota.create({
      data: { ...quota, limit: BigInt(quota.limit), orgId: org.id, agentId: agent.id },
    });
  }
  const { secret, prefix, secretHash } = generateCredentialSecret();
  const credential = await db.credential.create({
    data: { orgId: org.id, agentId: agent.id, prefix, secretHash },
  });
  await bump(org.id);
  return { id: agent.id, secret, credentialId: credential.id, environmentId };
}

/** Record a policy change made with plain rows, as the domain functions do. */
export function bump(orgId: string): Promise<number> {
  return db.$transaction((tx) => bumpPolicyVersion(tx, orgId));
}

export const githubGrant = (
  overrides: Partial<Omit<Prisma.GrantUncheckedCreateInput, "orgId" | "agentId">> = {},
) => ({
  operationPattern: "github:*",
  resourcePatterns: ["repo:acme/*"],
  ...overrides,
});

export type DecideAnswer = {
  status: number;
  headers: Headers;
  body: {
    decision?: string;
    decisionId?: string;
    reason?: { code: string; message: string };
    grantId?: string | null;
    approval?: { id: string; expiresAt: string } | null;
    quotas?: { metric: string; window: string; used: number; limit: number }[];
    error?: { code: string; message: string };
  };
};

export const mergeRequest = (overrides: Record<string, unknown> = {}) => ({
  tool: "github",
  operation: "pulls.merge",
  resource: "repo:acme/web",
  params: { number: 42 },
  ...overrides,
});

/** Every reason or error code answered in this test file (to prove each one reachable). */
export const answeredCodes = new Set<string>();

export async function decide(
  url: string,
  bearer: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<DecideAnswer> {
  const response = await fetch(`${url}/api/decide`, {
    method: "POST",
    headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const answer: DecideAnswer = {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as DecideAnswer["body"],
  };
  const answered = answer.body.reason?.code ?? answer.body.error?.code;
  if (answered) answeredCodes.add(answered);
  return answer;
}

export const code = (answer: DecideAnswer) => answer.body.reason?.code ?? answer.body.error?.code;
