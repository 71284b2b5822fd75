// Whether a change to a redaction rule lets more of a payload be stored in clear. Plain data only
// (no database), so the console can tell in advance which edits need an admin or security.

type RuleShape = { part: "PARAMS" | "RESULT"; mode: "REDACT" | "FINGERPRINT"; paths: readonly string[] };

/**
 * True when `after` protects less than `before`: a path is gone (paths are compared as written,
 * so a path rewritten in another form counts as removed), the rule moved between parameters and
 * results, or it went from redact (nothing kept) to fingerprint (a keyed hash kept).
 */
export function weakensRedactionRule(before: RuleShape, after: RuleShape): boolean {
  if (after.part !== before.part) return true;
  if (before.mode === "REDACT" && after.mode === "FINGERPRINT") return true;
  const kept = new Set(after.paths);
  return before.paths.some((path) => !kept.has(path));
}
