// POST /api/token refuses a stopped agent: a token issued while it is paused or frozen would
// outlive the kill switch's revocation instant and work again as soon as it is resumed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import {
  bump,
  createDecideOrg,
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

async function exchange(secret: string) {
  const response = await fetch(`${runtime.url}/api/token`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}` },
  });
  return {
    status: response.status,
    body: (await response.json()) as { token?: string; error?: { code: string } },
  };
}

/** The runtime sees a policy change after its cache reloads; poll the token endpoint until it does. */
async function until(secret: string, status: number) {
  for (let i = 0; i < 100; i++) {
    const answer = await exchange(secret);
    if (answer.status === status) return answer;
    await new Promise((r) => setTimeout(r, 20));
  }
  return exchange(secret);
}

describe("POST /api/token for a stopped agent", () => {
  it("answers 403 AGENT_PAUSED while paused and issues again once resumed", async () => {
    const agent = await seedAgent(org);
    expect((await exchange(agent.secret)).status).toBe(200);

    await db.agent.update({ where: { id: agent.id }, data: { status: "PAUSED" } });
    await bump(org.id);
    const refused = await until(agent.secret, 403);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe("AGENT_PAUSED");
    expect(refused.body.token).toBeUndefined();

    await db.agent.update({ where: { id: agent.id }, data: { status: "ACTIVE" } });
    await bump(org.id);
    expect((await until(agent.secret, 200)).status).toBe(200);
  });

  it("answers 403 ENVIRONMENT_FROZEN while the agent's environment is frozen", async () => {
    const agent = await seedAgent(org, { env: "staging" });
    await db.environment.update({ where: { id: org.env.staging }, data: { frozen: true } });
    await bump(org.id);
    try {
      const refused = await until(agent.secret, 403);
      expect(refused.body.error?.code).toBe("ENVIRONMENT_FROZEN");
    } finally {
      await db.environment.update({ where: { id: org.env.staging }, data: { frozen: false } });
      await bump(org.id);
    }
  });
});
