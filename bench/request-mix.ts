// What the load generator sends: decide requests spread over the fleet's credentials with varied
// operations, resources, parameters and token costs. Requests are built once, before the clock
// starts, so that the generator spends its CPU on sending, not on building.
import type { BenchAgent } from "./seed-bench";

export type PreparedRequest = { agent: number; body: string; authorization: string };

const OPERATIONS = ["pulls.merge", "pulls.get", "issues.create"] as const;

function decideBody(agent: BenchAgent, variant: number): string {
  return JSON.stringify({
    tool: "github",
    operation: OPERATIONS[variant % OPERATIONS.length],
    resource: `repo:bench/web-${variant % 20}`,
    // Agents whose grant has an approval rule always ask for an amount the rule covers, so that
    // the share of requests needing approval is the share of such agents (~10%).
    params: { number: variant, amount: agent.approvalRule ? 250 : variant % 50 },
    cost: { tokens: 100 + (variant % 400) },
    onBehalfOf: `user:u${variant % 97}@bench.test`,
  });
}

/** `count` requests cycling through every agent in turn: each agent's share is the same. */
export function manyAgentsRequests(agents: readonly BenchAgent[], count: number): PreparedRequest[] {
  return Array.from({ length: count }, (_, j) => {
    const n = j % agents.length;
    const agent = agents[n]!;
    return {
      agent: n,
      body: decideBody(agent, Math.floor(j / agents.length) * 7 + j),
      authorization: `Bearer ${agent.secret}`,
    };
  });
}

/** `count` varied requests, every one of them from the same agent (its quota rows are the hot spot). */
export function hotAgentRequests(
  agents: readonly BenchAgent[],
  hot: number,
  count: number,
): PreparedRequest[] {
  const agent = agents[hot]!;
  return Array.from({ length: count }, (_, j) => ({
    agent: hot,
    body: decideBody(agent, j),
    authorization: `Bearer ${agent.secret}`,
  }));
}
