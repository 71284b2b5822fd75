import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate";
import type { DecideRequest } from "./decide-request";
import { NO_RUN_WINDOW_KEY } from "./quota-charges";
import { grant, NOW, request, snapshot } from "./__fixtures__/policy-fixture";
import { HASH, main, wideGrant } from "./__fixtures__/evaluate-cases";

describe("evaluate: quota charges", () => {
  const quotas = [
    { id: "q_calls_run", agentId: "agt_main", metric: "calls" as const, window: "run" as const, limit: 50 },
    { id: "q_writes_day", agentId: "agt_main", metric: "writes" as const, window: "day" as const, limit: 20 },
    {
      id: "q_writes_hour",
      agentId: "agt_main",
      metric: "writes" as const,
      window: "hour" as const,
      limit: 5,
    },
    {
      id: "q_spend_day",
      agentId: "agt_main",
      metric: "spendCents" as const,
      window: "day" as const,
      limit: 5000,
    },
    {
      id: "q_tokens_day",
      agentId: "agt_main",
      metric: "tokens" as const,
      window: "day" as const,
      limit: "100000",
    },
  ];
  const policy = {
    grants: [wideGrant, grant({ id: "g_stripe", operationPattern: "stripe:*", resourcePatterns: ["**"] })],
    quotas,
  };
  const charges = (req: Partial<DecideRequest>) =>
    evaluate(snapshot(policy), {
      agentId: "agt_main",
      request: request(req),
      actionHash: HASH,
      now: NOW,
    }).quotaCharges.map((c) => `${c.metric}/${c.window}/${c.windowKey}=${c.amount}≤${c.limit}`);

  it("a write charges calls per run and writes per hour and day", () => {
    expect(charges({ runId: "run_1" })).toEqual([
      "calls/run/run_1=1≤50",
      "writes/day/2026-11-21=1≤20",
      "writes/hour/2026-11-21T12=1≤5",
    ]);
  });
  it("a read charges no writes", () => {
    expect(charges({ runId: "run_1", operation: "pulls.get" })).toEqual(["calls/run/run_1=1≤50"]);
  });
  it("spend and tokens are charged by their amounts", () => {
    expect(
      charges({
        tool: "stripe",
        operation: "refunds.create",
        cost: { spendCents: 250, tokens: 1200 },
        runId: "run_1",
      }),
    ).toEqual([
      "calls/run/run_1=1≤50",
      "writes/day/2026-11-21=1≤20",
      "writes/hour/2026-11-21T12=1≤5",
      "spendCents/day/2026-11-21=250≤5000",
      "tokens/day/2026-11-21=1200≤100000",
    ]);
  });
  it("calls without a run share one run bucket", () => {
    expect(charges({ operation: "pulls.get" })).toEqual([`calls/run/${NO_RUN_WINDOW_KEY}=1≤50`]);
  });
  it("approval requests carry the charges whose headroom the commit checks", () => {
    const result = evaluate(snapshot({ ...policy, agents: [main({ autonomy: 1 })] }), {
      agentId: "agt_main",
      request: request({ runId: "run_1" }),
      actionHash: HASH,
      now: NOW,
    });
    expect(result.decision).toBe("require_approval");
    expect(result.quotaCharges.length).toBe(3);
  });
});
