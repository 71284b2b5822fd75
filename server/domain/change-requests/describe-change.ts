import type { ScopeChange } from "./change-request-payload";

/** One line a person reads about a change, e.g. "raise quota writes per day of release-bot: 20 → 25". */
export function describeChange(
  agentName: string,
  change: ScopeChange,
  reasons: readonly string[] = [],
): string {
  const why = reasons.length ? ` (${reasons.join(", ")})` : "";
  switch (change.kind) {
    case "grant.create": {
      const { operationPattern, resourcePatterns } = change.payload.grant;
      return `add grant ${operationPattern} on ${resourcePatterns.join(", ")} to ${agentName}`;
    }
    case "grant.update": {
      const { operationPattern, resourcePatterns } = change.payload.grant;
      return `change grant ${operationPattern} on ${resourcePatterns.join(", ")} of ${agentName}${why}`;
    }
    case "quota.set": {
      const { metric, window, limit } = change.payload;
      const label = `quota ${metric} per ${window} of ${agentName}`;
      if (limit === null) return `remove ${label} (was ${change.before.limit ?? "none"})`;
      return `raise ${label}: ${change.before.limit ?? "none"} → ${limit}`;
    }
    case "agent.autonomy":
      return `raise autonomy of ${agentName}: ${change.before.autonomy} → ${change.payload.autonomy}`;
  }
}
