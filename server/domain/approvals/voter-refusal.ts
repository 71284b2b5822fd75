// Who may not vote on an approval, whatever their role: the people the action would serve.
// An agent's owner approving their own agent's action, or the person it acts for approving
// their own request, would turn the second pair of eyes into the first.

export type Voter = { id: string; email: string };

export type VoteTarget = {
  agentOwnerId: string;
  /** `approval.onBehalfOf` and the run's, e.g. `user:alice@acme.com`. */
  onBehalfOf: (string | null | undefined)[];
  voterIds: string[];
};

/** The e-mail inside an on-behalf-of reference (`user:alice@acme.com`, `alice@acme.com`), if any. */
export function onBehalfOfEmail(reference: string): string | null {
  const value = reference.trim().replace(/^(user|email|mailto):/i, "");
  return /^[^\s@]+@[^\s@]+$/.test(value) ? value.toLowerCase() : null;
}

/** Why this member may not vote, in a sentence; null when they may. */
export function voterRefusal(voter: Voter, target: VoteTarget): string | null {
  if (voter.id === target.agentOwnerId) {
    return "You own this agent, so you cannot approve its actions. Another member of security must decide.";
  }
  const email = voter.email.toLowerCase();
  if (target.onBehalfOf.some((ref) => ref && onBehalfOfEmail(ref) === email)) {
    return "The agent is acting on your behalf here, so you cannot approve its action. Another member of security must decide.";
  }
  if (target.voterIds.includes(voter.id)) {
    return "You have already voted on this approval; a second vote must come from someone else.";
  }
  return null;
}
