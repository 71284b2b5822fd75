// The bodies of the runtime API besides /api/decide (runs, outcomes) are read as strictly as a
// decide request: duplicate keys, `__proto__`, deep nesting and unknown fields are refused, and so
// is any text Postgres could not store exactly (NUL characters, lone surrogates), which would
// otherwise fail the write after the request was accepted.
import type { z } from "zod";
import { parseStrictJson } from "../decide/parse-strict-json";
import { AppError, type FieldIssue } from "../errors";

/** Runtime bodies are small records; nothing legitimate nests deeper than this. */
export const RUNTIME_BODY_MAX_DEPTH = 8;

export type RuntimeBodyResult<T> = { ok: true; value: T } | { ok: false; error: AppError };

/**
 * Parse and validate a body's text with a strict zod schema. An empty body reads as `{}`, so
 * that calls whose fields are all optional can send nothing.
 */
export function parseRuntimeBody<S extends z.ZodType>(
  text: string,
  schema: S,
): RuntimeBodyResult<z.output<S>> {
  const trimmed = text.trim();
  const parsed =
    trimmed === "" ? { ok: true as const, value: {} } : parseStrictJson(trimmed, RUNTIME_BODY_MAX_DEPTH);
  if (!parsed.ok) return invalid(parsed.message);
  const unstorable = unstorableText(parsed.value, "");
  if (unstorable) return invalid(unstorable.message, [unstorable]);
  const result = schema.safeParse(parsed.value);
  if (!result.success) {
    const issues: FieldIssue[] = result.error.issues.slice(0, 5).map((issue) => ({
      path: issue.path.map(String).join(".") || "(body)",
      message: issue.message,
    }));
    return invalid(
      `The request is not valid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}.`,
      issues,
    );
  }
  return { ok: true, value: result.data };
}

function invalid(message: string, issues?: FieldIssue[]): RuntimeBodyResult<never> {
  return { ok: false, error: new AppError("INVALID_REQUEST", message, { issues }) };
}

function unstorableText(value: unknown, path: string): FieldIssue | null {
  const at = path || "(body)";
  if (typeof value === "string") {
    if (value.includes("\u0000")) return { path: at, message: `${at} contains a NUL character.` };
    if (!value.isWellFormed())
      return { path: at, message: `${at} contains invalid Unicode (a lone surrogate).` };
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = unstorableText(value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes("\u0000") || !key.isWellFormed())
        return { path: at, message: `${at} has a key with a NUL character or invalid Unicode.` };
      const problem = unstorableText(child, path ? `${path}.${key.slice(0, 40)}` : key.slice(0, 40));
      if (problem) return problem;
    }
  }
  return null;
}
