// The body of POST /api/plans: the actions an agent intends to take and the budget it asks for,
// validated as strictly as a decide request (server/domain/runs/parse-runtime-body.ts reads it).
// The agent comes from the credential, never from the body.
import { z } from "zod";
import { toJsonValue, type JsonValue } from "../canonical-json";
import { resourceProblem } from "../decide/canonical-resource";
import { resourcePatternProblem } from "../grants/patterns";
import { text } from "../runs/runtime-fields";

export const MAX_PLAN_STEPS = 50;
export const DEFAULT_PLAN_TTL_SECONDS = 60 * 60;
export const MAX_PLAN_TTL_SECONDS = 24 * 60 * 60;
export const MIN_PLAN_TTL_SECONDS = 60;
export const MAX_PLAN_SUMMARY_LENGTH = 2000;

/** Tool and operation names as /api/decide accepts them (MCP's: letters, digits, `_`, `-`, `.`). */
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

const budgetAmount = z.number().int({ error: "must be a whole number" }).min(0).max(1e12);

/** A resource as /api/decide would accept it, or a glob over such resources in the grants' syntax. */
const stepResource = z
  .string()
  .min(1)
  .max(1024)
  .superRefine((value, ctx) => {
    const problem = resourceProblem(value) ?? resourcePatternProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** JSON has no infinities (`1e999` parses as one); the store could not keep it. */
function finiteProblem(value: unknown): boolean {
  if (typeof value === "number") return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(finiteProblem);
  if (value !== null && typeof value === "object") return Object.values(value).some(finiteProblem);
  return false;
}

export const planStepSchema = z.strictObject({
  tool: z.string().regex(NAME, { error: "must be a tool name (letters, digits, _ - .)" }),
  operation: z.string().regex(NAME, { error: "must be an operation name (letters, digits, _ - .)" }),
  resource: stepResource,
  /** When given, the step covers exactly these parameters; when left out, any the grants allow. */
  params: z
    .record(z.string(), z.unknown())
    .refine((params) => !finiteProblem(params), { error: "contains a number too large for JSON" })
    .optional(),
});

/**
 * A step as stored (server/domain/plans/stored-plan-steps.ts): its params redacted and the digest
 * of the params as sent. Only the server writes `paramsDigest`; a submitted step cannot carry one.
 */
export const storedPlanStepSchema = planStepSchema
  .extend({
    paramsDigest: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .refine((step) => step.paramsDigest === undefined || step.params !== undefined, {
    error: "a params digest needs the params it stands for",
  });

export const submitPlanRequestSchema = z
  .strictObject({
    runId: z
      .string()
      .max(100)
      .regex(/^run_[A-Za-z0-9]+$/, { error: "must be an id starting with run_" })
      .nullish(),
    steps: z.array(planStepSchema).min(1).max(MAX_PLAN_STEPS),
    budget: z
      .strictObject({
        calls: budgetAmount.min(1).optional(),
        spendCents: budgetAmount.optional(),
        tokens: budgetAmount.optional(),
      })
      .refine((b) => b.calls !== undefined || b.spendCents !== undefined || b.tokens !== undefined, {
        error: "must set at least one of calls, spendCents and tokens",
      }),
    expiresInSeconds: z
      .number()
      .int({ error: "must be a whole number of seconds" })
      .min(MIN_PLAN_TTL_SECONDS)
      .max(MAX_PLAN_TTL_SECONDS)
      .optional(),
    summary: text(MAX_PLAN_SUMMARY_LENGTH).nullish(),
    /**
     * Retrying with the same key and the same body answers with the plan the first submission
     * created (no second plan or approval); the same key with another body is IDEMPOTENCY_CONFLICT.
     */
    idempotencyKey: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[\x21-\x7e]+$/, { error: "must be printable characters without spaces" })
      .nullish(),
  })
  .meta({ title: "SubmitPlanRequest" });

export type SubmitPlanRequest = z.output<typeof submitPlanRequestSchema>;

export type PlanStep = {
  tool: string;
  operation: string;
  resource: string;
  params?: { [key: string]: JsonValue };
  /** Stored steps only: SHA-256 of the canonical params as sent (the params may be redacted). */
  paramsDigest?: string;
};

export type PlanBudget = { calls?: number; spendCents?: number; tokens?: number };

/** A submitted plan with its defaults settled and its params as plain JSON. */
export type NewPlan = {
  runId: string | null;
  steps: PlanStep[];
  budget: PlanBudget;
  expiresInSeconds: number;
  summary: string | null;
};

export function newPlan(request: SubmitPlanRequest): NewPlan {
  return {
    runId: request.runId ?? null,
    steps: request.steps.map((s) => ({
      tool: s.tool,
      operation: s.operation,
      resource: s.resource,
      ...(s.params ? { params: toJsonValue(s.params) as { [key: string]: JsonValue } } : {}),
    })),
    budget: {
      ...(request.budget.calls !== undefined ? { calls: request.budget.calls } : {}),
      ...(request.budget.spendCents !== undefined ? { spendCents: request.budget.spendCents } : {}),
      ...(request.budget.tokens !== undefined ? { tokens: request.budget.tokens } : {}),
    },
    expiresInSeconds: request.expiresInSeconds ?? DEFAULT_PLAN_TTL_SECONDS,
    summary: request.summary ?? null,
  };
}
