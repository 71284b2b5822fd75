// The body of POST /api/decide, validated strictly before any policy runs: unknown fields are
// refused (a misspelt `approvalld` must not silently mean "no approval"), and so is any value the
// store could not keep exactly as it was asked (NUL characters, lone surrogates, infinities).
import { z } from "zod";
import { AppError, type FieldIssue } from "../errors";
import { resourceProblem } from "./canonical-resource";
import { DEFAULT_MAX_DEPTH, parseStrictJson } from "./parse-strict-json";

/** Tool and operation names as MCP defines them: letters, digits, `_`, `-`, `.`. */
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** Printable, no whitespace: ids, keys and labels that end up in logs and headers. */
const TOKEN = /^[\x21-\x7e]+$/;
/** Ids are a type prefix and letters or digits (`run_3f2a…`). */
const id = (prefix: string) =>
  z
    .string()
    .max(100)
    .regex(new RegExp(`^${prefix}_[A-Za-z0-9]+$`), { error: `must be an id starting with ${prefix}_` });

const amount = z.number().int({ error: "must be a whole number" }).min(0).max(1e12);

export const decideRequestSchema = z.strictObject({
  runId: id("run").nullish(),
  tool: z.string().regex(NAME, { error: "must be a tool name (letters, digits, _ - .)" }),
  operation: z.string().regex(NAME, { error: "must be an operation name (letters, digits, _ - .)" }),
  resource: z.string().min(1).max(1024),
  params: z.record(z.string(), z.unknown()).optional(),
  cost: z.strictObject({ spendCents: amount.optional(), tokens: amount.optional() }).nullish(),
  onBehalfOf: z
    .string()
    .min(1)
    .max(256)
    .regex(TOKEN, { error: "must not contain spaces or control characters" })
    .nullish(),
  approvalId: id("apr").nullish(),
  idempotencyKey: z
    .string()
    .min(1)
    .max(200)
    .regex(TOKEN, { error: "must be printable characters without spaces" })
    .nullish(),
  /** The environment the runtime believes it runs in; when given it must be the agent's. */
  environment: z.string().min(1).max(64).regex(TOKEN).nullish(),
});

/** A validated request, with optional fields settled to null and params to an object. */
export type DecideRequest = {
  runId: string | null;
  tool: string;
  operation: string;
  resource: string;
  params: Record<string, unknown>;
  cost: { spendCents: number; tokens: number };
  onBehalfOf: string | null;
  approvalId: string | null;
  idempotencyKey: string | null;
  environment: string | null;
};

export type DecideValidation = { ok: true; request: DecideRequest } | { ok: false; error: AppError };

/** Parse and validate the raw body text of a decide request. */
export function validateDecideRequest(text: string): DecideValidation {
  const parsed = parseStrictJson(text, DEFAULT_MAX_DEPTH);
  if (!parsed.ok) return invalid(parsed.message);
  const result = decideRequestSchema.safeParse(parsed.value);
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
  const body = result.data;
  const params = body.params ?? {};
  const valueProblem = storableValueProblem(params, "params");
  if (valueProblem) return invalid(valueProblem, [{ path: "params", message: valueProblem }]);
  const resource = resourceProblem(body.resource);
  if (resource) {
    return {
      ok: false,
      error: new AppError("NON_CANONICAL_RESOURCE", resource, {
        issues: [{ path: "resource", message: resource }],
      }),
    };
  }
  return {
    ok: true,
    request: {
      runId: body.runId ?? null,
      tool: body.tool,
      operation: body.operation,
      resource: body.resource,
      params,
      cost: { spendCents: body.cost?.spendCents ?? 0, tokens: body.cost?.tokens ?? 0 },
      onBehalfOf: body.onBehalfOf ?? null,
      approvalId: body.approvalId ?? null,
      idempotencyKey: body.idempotencyKey ?? null,
      environment: body.environment ?? null,
    },
  };
}

function invalid(message: string, issues?: FieldIssue[]): DecideValidation {
  return { ok: false, error: new AppError("INVALID_REQUEST", message, { issues }) };
}

/**
 * Postgres refuses NUL characters and lone surrogates in JSON, and JSON has no infinities; a
 * value the store cannot hold exactly is refused here rather than failing a whole batch later.
 */
function storableValueProblem(value: unknown, path: string): string | null {
  if (typeof value === "string") {
    if (value.includes("\u0000")) return `${path} contains a NUL character.`;
    if (!value.isWellFormed()) return `${path} contains invalid Unicode (a lone surrogate).`;
    return null;
  }
  if (typeof value === "number")
    return Number.isFinite(value) ? null : `${path} contains a number too large for JSON.`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = storableValueProblem(value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes("\u0000") || !key.isWellFormed())
        return `${path} has a key with a NUL character or invalid Unicode.`;
      const problem = storableValueProblem(
        child,
        `${path}.${key.length > 40 ? `${key.slice(0, 40)}…` : key}`,
      );
      if (problem) return problem;
    }
  }
  return null;
}
