// The console's preview of what an operation pattern matches. It mirrors
// server/domain/grants/patterns.ts (picomatch, dot: true, nonegate: true; tool and operation
// matched separately so no wildcard crosses the colon). The server stays the authority: saved
// grants come back with their `matchedOperations`.
import picomatch from "picomatch/posix";

const OPTIONS = { dot: true, nonegate: true };
const SPECIAL = /[*?[\]{}()!+@\\]/;

function globMatches(pattern: string, input: string): boolean {
  if (!SPECIAL.test(pattern)) return pattern === input;
  try {
    return picomatch(pattern, OPTIONS)(input);
  } catch {
    return false;
  }
}

export function splitOperationPattern(pattern: string): { tool: string; operation: string } | null {
  const parts = pattern.split(":");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  return { tool: parts[0], operation: parts[1] };
}

export function operationMatches(pattern: string, tool: string, operation: string): boolean {
  const parts = splitOperationPattern(pattern);
  if (!parts) return false;
  return globMatches(parts.tool, tool) && globMatches(parts.operation, operation);
}

/** Why the pattern cannot be used (the same sentences the server gives), or null. */
export function operationPatternHint(pattern: string): string | null {
  if (!pattern) return null;
  if (/\s/.test(pattern)) return "An operation pattern cannot contain spaces.";
  const parts = splitOperationPattern(pattern);
  if (!parts) return 'An operation pattern has the form "tool:operation", e.g. github:pulls.* or slack:*.';
  if (parts.tool.startsWith("!") || parts.operation.startsWith("!")) {
    return "Negated patterns (starting with !) are not allowed: a grant lists what is allowed.";
  }
  return null;
}
