// Grant patterns: `tool:operation` globs for operations and globs for resources
// (`repo:acme/*`, `slack:#support`). The console, the fleet file and the decision API all match
// through these functions, so a pattern means the same thing everywhere.
//
// Glob semantics are picomatch's, with `/` as the separator in resources: `*` stays within one
// path segment, `**` crosses them (`repo:acme/**`), and `**` alone matches any resource.
// Negation (`!x`) is refused: in an allowlist it would grant everything except x.
import picomatch from "picomatch";

const GLOB_OPTIONS: picomatch.PicomatchOptions = { dot: true, nonegate: true };

/** Characters picomatch may give a meaning to; a pattern without any of them is a literal. */
const SPECIAL = /[*?[\]{}()!+@\\]/;

export const MAX_OPERATION_PATTERN_LENGTH = 200;
export const MAX_RESOURCE_PATTERN_LENGTH = 300;
export const MAX_RESOURCE_PATTERNS = 20;

// Compiled matchers are reused: the decision API matches the same few patterns constantly.
const matchers = new Map<string, (input: string) => boolean>();
const MATCHER_CACHE_LIMIT = 5000;

function matcher(pattern: string): (input: string) => boolean {
  let match = matchers.get(pattern);
  if (!match) {
    match = picomatch(pattern, GLOB_OPTIONS);
    if (matchers.size >= MATCHER_CACHE_LIMIT) matchers.clear();
    matchers.set(pattern, match);
  }
  return match;
}

function globMatches(pattern: string, input: string): boolean {
  if (!SPECIAL.test(pattern)) return pattern === input;
  return matcher(pattern)(input);
}

/** Split `tool:operation` at its one colon; null when the pattern does not have that shape. */
export function splitOperationPattern(pattern: string): { tool: string; operation: string } | null {
  const parts = pattern.split(":");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  return { tool: parts[0], operation: parts[1] };
}

/**
 * Does `pattern` (e.g. `github:pulls.*`) allow `operation` of `tool`? Tool and operation are
 * matched separately, so no wildcard can cross the colon.
 */
export function operationMatches(pattern: string, tool: string, operation: string): boolean {
  const parts = splitOperationPattern(pattern);
  // A colon inside a name would let a wildcard span the separator; such names are never valid.
  if (!parts || tool.includes(":") || operation.includes(":")) return false;
  return globMatches(parts.tool, tool) && globMatches(parts.operation, operation);
}

/** Does any of the patterns match the resource? No patterns means no resource. */
export function resourceMatches(patterns: readonly string[], resource: string): boolean {
  return patterns.some((pattern) => globMatches(pattern, resource));
}

/** Why an operation pattern is unusable, in a sentence; null when it is fine. */
export function operationPatternProblem(pattern: string): string | null {
  if (pattern.length === 0) return "Enter an operation pattern such as github:pulls.*.";
  if (pattern.length > MAX_OPERATION_PATTERN_LENGTH) {
    return `An operation pattern can be at most ${MAX_OPERATION_PATTERN_LENGTH} characters.`;
  }
  if (/\s/.test(pattern)) return "An operation pattern cannot contain spaces.";
  const parts = splitOperationPattern(pattern);
  if (!parts) return 'An operation pattern has the form "tool:operation", e.g. github:pulls.* or slack:*.';
  if (parts.tool.startsWith("!") || parts.operation.startsWith("!")) {
    return "Negated patterns (starting with !) are not allowed: a grant lists what is allowed.";
  }
  if (!compiles(parts.tool) || !compiles(parts.operation))
    return "This operation pattern is not a valid glob.";
  return null;
}

/** Why a resource pattern is unusable, in a sentence; null when it is fine. */
export function resourcePatternProblem(pattern: string): string | null {
  if (pattern.length === 0) return "A resource pattern cannot be empty.";
  if (pattern.length > MAX_RESOURCE_PATTERN_LENGTH) {
    return `A resource pattern can be at most ${MAX_RESOURCE_PATTERN_LENGTH} characters.`;
  }
  if (/\s/.test(pattern)) return "A resource pattern cannot contain spaces or line breaks.";
  if (pattern.startsWith("!")) {
    return "Negated patterns (starting with !) are not allowed: a grant lists what is allowed.";
  }
  if (!compiles(pattern)) return "This resource pattern is not a valid glob.";
  return null;
}

function compiles(pattern: string): boolean {
  try {
    picomatch.makeRe(pattern, GLOB_OPTIONS);
    return true;
  } catch {
    return false;
  }
}

/**
 * Is every string `childPattern` matches also matched by `parentPattern`? Used to keep a
 * sub-agent within its parent's grants. Deciding this for arbitrary globs is hard, so only
 * shapes we can prove are recognised; anything else answers false (not covered):
 * - the same pattern;
 * - a child without wildcards that the parent matches;
 * - a parent `**` (everything);
 * - a parent `prefix/**` and a child starting with `prefix/` literally;
 * - a parent `prefix*` (no other wildcards) and a child `prefix` followed by plain characters,
 *   `*` and `?` only, without `/` (both then stay within one segment).
 * (`.`/`..` segments, which `**` does not match, are non-canonical resources the decision API
 * refuses before matching.)
 */
export function patternCovers(parentPattern: string, childPattern: string): boolean {
  if (parentPattern === childPattern) return true;
  if (!SPECIAL.test(childPattern)) return globMatches(parentPattern, childPattern);
  if (parentPattern === "**") return true;
  if (parentPattern.endsWith("/**")) {
    const prefix = parentPattern.slice(0, -2);
    if (SPECIAL.test(prefix)) return false;
    return childPattern.startsWith(prefix);
  }
  if (parentPattern.endsWith("*") && !parentPattern.endsWith("**")) {
    const prefix = parentPattern.slice(0, -1);
    if (SPECIAL.test(prefix) || !childPattern.startsWith(prefix)) return false;
    const rest = childPattern.slice(prefix.length);
    return /^[^/[\]{}()!+@\\]*$/.test(rest) && !rest.includes("**");
  }
  return false;
}

/**
 * Does the parent's operation pattern allow everything the child's does? Tool and operation
 * parts are compared separately (neither can contain a colon).
 */
export function operationPatternCovers(parentPattern: string, childPattern: string): boolean {
  const parent = splitOperationPattern(parentPattern);
  const child = splitOperationPattern(childPattern);
  if (!parent || !child) return false;
  return patternCovers(parent.tool, child.tool) && patternCovers(parent.operation, child.operation);
}

/** Every child resource pattern is covered by at least one of the parent's. */
export function resourcePatternsCovered(
  parentPatterns: readonly string[],
  childPatterns: readonly string[],
): boolean {
  return childPatterns.every((child) => parentPatterns.some((parent) => patternCovers(parent, child)));
}
