// A sub-agent never acts beyond any of its ancestors: it is bounded by their grants and approval
// rules (evaluate, check-plan-steps) and by the lowest autonomy level along its lineage, so a
// child registered at level 3 under a parent at level 1 (or 0) still asks (or only observes).
import type { AgentPolicy, PolicySnapshot } from "../policy/policy-snapshot";
import { MAX_AGENT_DEPTH } from "./agent-state-denial";
import { REASON_CODES } from "./reason-codes";

/**
 * The agent and its parents, nearest first. The walk is bounded; a longer chain, a cycle or a
 * missing parent is refused earlier by agentStateDenial (fail closed).
 */
export function agentLineage(snapshot: PolicySnapshot, agent: AgentPolicy): AgentPolicy[] {
  const chain = [agent];
  let parentId = agent.parentId;
  while (parentId && chain.length <= MAX_AGENT_DEPTH) {
    const parent = snapshot.agents.get(parentId);
    if (!parent) break;
    chain.push(parent);
    parentId = parent.parentId;
  }
  return chain;
}

export type AutonomyLevel = 0 | 1 | 2 | 3;

export type EffectiveAutonomy = {
  level: AutonomyLevel;
  /** The agent of the lineage whose level this is (the nearest one on a tie). */
  setBy: AgentPolicy;
  /** 0: the agent itself; 1: its parent; 2: its grandparent… */
  depth: number;
};

/** A stored level outside 0–3 (or not a whole number) observes only: fail closed. */
function sanitized(autonomy: number): AutonomyLevel {
  return Number.isInteger(autonomy) && autonomy >= 0 && autonomy <= 3 ? (autonomy as AutonomyLevel) : 0;
}

/** The lowest autonomy level of a lineage (from agentLineage): the level the agent acts at. */
export function effectiveAutonomy(chain: readonly AgentPolicy[]): EffectiveAutonomy {
  const self = chain[0];
  if (!self) throw new Error("A lineage starts with the agent itself.");
  let result: EffectiveAutonomy = { level: sanitized(self.autonomy), setBy: self, depth: 0 };
  for (let depth = 1; depth < chain.length && result.level > 0; depth++) {
    const holder = chain[depth]!;
    const level = sanitized(holder.autonomy);
    if (level < result.level) result = { level, setBy: holder, depth };
  }
  return result;
}

/** "its parent agent ci-bot", "its ancestor agent platform-bot": whose level limits the agent. */
export function ancestorWords(limit: EffectiveAutonomy): string {
  return `${limit.depth === 1 ? "its parent agent" : "its ancestor agent"} ${limit.setBy.name}`;
}

/** The AUTONOMY_OBSERVE_ONLY sentence, naming the parent when it is a parent's level 0. */
export function observeOnlySentence(limit: EffectiveAutonomy): string {
  if (limit.depth === 0) return REASON_CODES.AUTONOMY_OBSERVE_ONLY.message;
  return `The action is refused: ${ancestorWords(limit)} only observes, and a sub-agent never acts beyond its parents. The request was recorded as a suggestion.`;
}
