import type { PolicySnapshot } from "../policy/policy-snapshot";
import type { ReasonCode } from "./reason-codes";

/** How many parents up a sub-agent chain is followed (a cycle or a longer chain fails closed). */
export const MAX_AGENT_DEPTH = 8;

type StateCode = Extract<
  ReasonCode,
  "AGENT_DECOMMISSIONED" | "ORG_FROZEN" | "ENVIRONMENT_FROZEN" | "AGENT_PAUSED"
>;

/**
 * The kill switches, checked before anything about the request is read: a stopped agent gets
 * its refusal even when its request is malformed. A sub-agent stops with any of its parents.
 */
export function agentStateDenial(snapshot: PolicySnapshot, agentId: string): StateCode | null {
  const agent = snapshot.agents.get(agentId);
  if (!agent || agent.status === "DECOMMISSIONED") return "AGENT_DECOMMISSIONED";
  if (snapshot.orgFrozen) return "ORG_FROZEN";
  const environment = snapshot.environments.get(agent.environmentId);
  if (!environment || environment.frozen) return "ENVIRONMENT_FROZEN";
  if (agent.status === "PAUSED") return "AGENT_PAUSED";
  let parentId = agent.parentId;
  for (let depth = 0; parentId; depth++) {
    const parent = snapshot.agents.get(parentId);
    if (!parent || depth >= MAX_AGENT_DEPTH || parent.status === "DECOMMISSIONED")
      return "AGENT_DECOMMISSIONED";
    if (parent.status === "PAUSED") return "AGENT_PAUSED";
    const parentEnvironment = snapshot.environments.get(parent.environmentId);
    if (!parentEnvironment || parentEnvironment.frozen) return "ENVIRONMENT_FROZEN";
    parentId = parent.parentId;
  }
  return null;
}

/**
 * An identity of one environment never acts in another: the request body, a header and the
 * token may each name an environment, and every one that does must be the agent's own.
 */
export function environmentMismatch(
  snapshot: PolicySnapshot,
  agentId: string,
  named: {
    bodyEnvironment: string | null;
    headerEnvironment: string | null;
    tokenEnvironmentId: string | null;
  },
): boolean {
  const agent = snapshot.agents.get(agentId);
  const environment = agent && snapshot.environments.get(agent.environmentId);
  if (!agent || !environment) return true;
  if (named.bodyEnvironment !== null && named.bodyEnvironment !== environment.name) return true;
  if (named.headerEnvironment !== null && named.headerEnvironment !== environment.name) return true;
  if (named.tokenEnvironmentId !== null && named.tokenEnvironmentId !== environment.id) return true;
  return false;
}
