import type { PolicySnapshot } from "../policy/policy-snapshot";

/**
 * Whether a kill switch revoked a token: one issued (JWT `iat`, epoch seconds) at or before the
 * revocation instant of its agent, the agent's environment or the org. `iat` has whole-second
 * precision, so a token from the same second as the switch is refused too (fail closed); a token
 * without `iat` is refused whenever any revocation applies. Resuming never clears the instants,
 * so a revoked token stays revoked.
 */
export function tokenRevokedBySwitch(
  snapshot: PolicySnapshot,
  agentId: string,
  issuedAtSeconds: number | undefined,
): boolean {
  const agent = snapshot.agents.get(agentId);
  const environment = agent ? snapshot.environments.get(agent.environmentId) : undefined;
  const instants = [
    snapshot.orgTokensRevokedBefore,
    environment?.tokensRevokedBefore,
    agent?.tokensRevokedBefore,
  ].filter((instant): instant is number => typeof instant === "number");
  if (instants.length === 0) return false;
  if (issuedAtSeconds === undefined) return true;
  const issuedAtMs = issuedAtSeconds * 1000;
  return instants.some((revokedBefore) => issuedAtMs <= revokedBefore);
}
