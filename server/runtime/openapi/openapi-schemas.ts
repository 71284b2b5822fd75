// The schemas of the runtime API's OpenAPI document. Request bodies are generated from the same
// zod schemas that validate them, and the reason codes from REASON_CODES, so neither can drift
// from what the server does. Responses are written out: they are what the handlers send.
import { z } from "zod";
import { decideRequestSchema } from "../../domain/decide/decide-request";
import { DECIDE_ERROR_CODES, REASON_CODES, type ReasonCode } from "../../domain/decide/reason-codes";
import { endRunRequestSchema } from "../../domain/runs/end-run-request";
import { MAX_SIDE_EFFECTS, outcomeReportSchema } from "../../domain/runs/outcome-report";
import { RUN_TRIGGER_KINDS, startRunRequestSchema } from "../../domain/runs/start-run-request";
import {
  DEFAULT_PLAN_TTL_SECONDS,
  MAX_PLAN_TTL_SECONDS,
  submitPlanRequestSchema,
} from "../../domain/plans/plan-request";
import { PLAN_OUT_OF_SCOPE, PLAN_OUT_OF_SCOPE_SENTENCE } from "../plans/handle-submit-plan";
import { MAX_TOKEN_TTL_SECONDS, TOKEN_AUDIENCE } from "../auth/signing-keys";
import { ref, type JsonSchema } from "./openapi-types";

/** Codes answered as HTTP errors by the runtime API beyond those of /api/decide. */
export const RUNTIME_ERROR_CODES = {
  NOT_FOUND: "There is no such run, decision or approval for this agent (another agent's reads as unknown).",
  CONFLICT:
    "The call conflicts with what already happened: the run already ended, the outcome was already reported, or the decision has no outcome to report.",
  INTERNAL: "Something went wrong on Warden's side. Nothing was changed; retry.",
} as const;

/** Kill-switch codes with which POST /api/runs refuses to start a run (403). */
export const RUN_REFUSAL_CODES = [
  "AGENT_PAUSED",
  "AGENT_DECOMMISSIONED",
  "ENVIRONMENT_FROZEN",
  "ORG_FROZEN",
  "ENVIRONMENT_MISMATCH",
] as const satisfies readonly ReasonCode[];

export const ERROR_CODE_SENTENCES: Record<string, string> = {
  ...DECIDE_ERROR_CODES,
  ...RUNTIME_ERROR_CODES,
  ...Object.fromEntries(RUN_REFUSAL_CODES.map((code) => [code, REASON_CODES[code].message])),
  // POST /api/plans.
  [PLAN_OUT_OF_SCOPE]: PLAN_OUT_OF_SCOPE_SENTENCE,
  AUTONOMY_OBSERVE_ONLY: REASON_CODES.AUTONOMY_OBSERVE_ONLY.message,
  APPROVAL_QUEUE_FULL: REASON_CODES.APPROVAL_QUEUE_FULL.message,
};

function fromZod(schema: z.ZodType, description: string): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
  }) as JsonSchema;
  return { ...rest, description };
}

const codeTable = (rows: [string, string, string?][]) =>
  rows
    .map(([code, sentence, answer]) => `- \`${code}\`${answer ? ` (${answer})` : ""}: ${sentence}`)
    .join("\n");

const reasonCodes = Object.keys(REASON_CODES) as ReasonCode[];
const isoTime = { type: "string", format: "date-time" };
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: "null" }] });

export const SCHEMAS: Record<string, JsonSchema> = {
  ReasonCode: {
    type: "string",
    enum: reasonCodes,
    description: `Why /api/decide answered as it did. Stable: a code never changes meaning (new codes may be added, so treat unknown codes as a deny).\n\n${codeTable(
      reasonCodes.map((code) => [code, REASON_CODES[code].message, REASON_CODES[code].decision]),
    )}`,
    "x-enum-descriptions": Object.fromEntries(reasonCodes.map((code) => [code, REASON_CODES[code].message])),
    "x-enum-decisions": Object.fromEntries(reasonCodes.map((code) => [code, REASON_CODES[code].decision])),
  },
  ErrorCode: {
    type: "string",
    enum: Object.keys(ERROR_CODE_SENTENCES),
    description: `The code of an HTTP error answer.\n\n${codeTable(Object.entries(ERROR_CODE_SENTENCES))}`,
    "x-enum-descriptions": ERROR_CODE_SENTENCES,
  },
  Error: {
    type: "object",
    required: ["error"],
    additionalProperties: false,
    properties: {
      error: {
        type: "object",
        required: ["code", "message"],
        properties: {
          code: ref("schemas", "ErrorCode"),
          message: { type: "string", description: "A sentence a person can act on." },
          issues: {
            type: "array",
            description: "Per-field problems of an invalid request.",
            items: {
              type: "object",
              required: ["path", "message"],
              properties: { path: { type: "string" }, message: { type: "string" } },
            },
          },
        },
      },
    },
  },
  DecideRequest: fromZod(
    decideRequestSchema,
    "An action the agent is about to take. Unknown fields, duplicate keys, bodies over 64 KB and non-canonical resources are refused before any policy runs.",
  ),
  DecideResponse: {
    type: "object",
    required: ["decision", "decisionId", "reason", "grantId", "approval", "quotas"],
    properties: {
      decision: { type: "string", enum: ["allow", "deny", "require_approval"] },
      decisionId: { type: "string", pattern: "^dec_[A-Za-z0-9]+$" },
      reason: {
        type: "object",
        required: ["code", "message"],
        properties: { code: ref("schemas", "ReasonCode"), message: { type: "string" } },
      },
      grantId: nullable({ type: "string" }),
      approval: {
        ...nullable({
          type: "object",
          required: ["id", "expiresAt"],
          properties: { id: { type: "string", pattern: "^apr_[A-Za-z0-9]+$" }, expiresAt: isoTime },
        }),
        description:
          "With require_approval: the approval to wait for (GET /api/approvals/{id}?wait=N); once approved, decide again with approvalId.",
      },
      quotas: {
        type: "array",
        items: {
          type: "object",
          required: ["metric", "window", "used", "limit"],
          properties: {
            metric: { type: "string", enum: ["calls", "writes", "spendCents", "tokens"] },
            window: { type: "string", enum: ["run", "hour", "day"] },
            used: { type: "integer" },
            limit: { type: "integer" },
          },
        },
      },
      plan: {
        type: "object",
        required: ["id", "budget"],
        description:
          "Only on decisions about a step of an approved plan (PLAN_APPROVED, or QUOTA_EXCEEDED when its budget is used up): the plan and each budget metric this action took from, after it.",
        properties: {
          id: { type: "string", pattern: "^pln_[A-Za-z0-9]+$" },
          budget: {
            type: "array",
            items: {
              type: "object",
              required: ["metric", "used", "limit"],
              properties: {
                metric: { type: "string", enum: ["calls", "spendCents", "tokens"] },
                used: { type: "integer" },
                limit: { type: "integer" },
              },
            },
          },
        },
      },
    },
  },
  SubmitPlanRequest: fromZod(
    submitPlanRequestSchema,
    `The steps the agent intends to take and the budget it asks for. A step's resource may be a glob in the grants' syntax; leave out a step's params to allow any params the grants allow. expiresInSeconds defaults to ${DEFAULT_PLAN_TTL_SECONDS} (at most ${MAX_PLAN_TTL_SECONDS}).`,
  ),
  SubmitPlanResponse: {
    type: "object",
    required: ["planId", "status", "expiresAt", "approval"],
    properties: {
      planId: { type: "string", pattern: "^pln_[A-Za-z0-9]+$" },
      status: { const: "PENDING" },
      expiresAt: { ...isoTime, description: "The plan holds until then once approved." },
      approval: {
        type: "object",
        required: ["id", "expiresAt"],
        description: "The approval to wait for (GET /api/approvals/{id}?wait=N).",
        properties: { id: { type: "string", pattern: "^apr_[A-Za-z0-9]+$" }, expiresAt: isoTime },
      },
    },
  },
  PlanState: {
    type: "object",
    required: [
      "planId",
      "status",
      "runId",
      "summary",
      "steps",
      "budget",
      "used",
      "expiresAt",
      "createdAt",
      "approval",
    ],
    properties: {
      planId: { type: "string", pattern: "^pln_[A-Za-z0-9]+$" },
      status: {
        type: "string",
        enum: ["PENDING", "APPROVED", "DENIED", "EXPIRED", "CANCELLED", "EXHAUSTED"],
        description:
          "APPROVED: matching /api/decide calls answer PLAN_APPROVED. EXHAUSTED: the call budget is used up.",
      },
      runId: nullable({ type: "string" }),
      summary: nullable({ type: "string" }),
      steps: {
        type: "array",
        items: {
          type: "object",
          required: ["tool", "operation", "resource"],
          properties: {
            tool: { type: "string" },
            operation: { type: "string" },
            resource: { type: "string" },
            params: { type: "object" },
          },
        },
      },
      budget: ref("schemas", "PlanBudget"),
      used: ref("schemas", "PlanBudget"),
      expiresAt: isoTime,
      createdAt: isoTime,
      approval: nullable(ref("schemas", "ApprovalState")),
    },
  },
  PlanBudget: {
    type: "object",
    additionalProperties: false,
    properties: {
      calls: { type: "integer", minimum: 0 },
      spendCents: { type: "integer", minimum: 0 },
      tokens: { type: "integer", minimum: 0 },
    },
  },
  TokenRequest: {
    type: "object",
    additionalProperties: false,
    description: "Optional; an empty body asks for the defaults.",
    properties: {
      audience: {
        type: "string",
        description: `"${TOKEN_AUDIENCE}" (the default) or your organization's id.`,
        default: TOKEN_AUDIENCE,
      },
      ttlSeconds: {
        type: "integer",
        minimum: 60,
        maximum: MAX_TOKEN_TTL_SECONDS,
        default: MAX_TOKEN_TTL_SECONDS,
      },
    },
  },
  TokenResponse: {
    type: "object",
    required: ["token", "tokenType", "audience", "expiresIn", "expiresAt"],
    properties: {
      token: {
        type: "string",
        description: "An ES256 JWT; verify it with the keys at /.well-known/jwks.json.",
      },
      tokenType: { const: "Bearer" },
      audience: { type: "string" },
      expiresIn: { type: "integer", description: "Seconds." },
      expiresAt: isoTime,
    },
  },
  Jwks: {
    type: "object",
    required: ["keys"],
    properties: {
      keys: {
        type: "array",
        items: {
          type: "object",
          required: ["kty", "kid"],
          properties: {
            kty: { type: "string" },
            kid: { type: "string" },
            alg: { type: "string" },
            use: { type: "string" },
          },
        },
      },
    },
  },
  Health: {
    type: "object",
    required: ["status", "database", "version", "uptimeSeconds"],
    properties: {
      status: { type: "string", enum: ["ok", "degraded"] },
      database: {
        type: "object",
        required: ["status", "latencyMs"],
        properties: {
          status: { type: "string", enum: ["up", "down"] },
          latencyMs: nullable({ type: "number" }),
          error: { type: "string", enum: ["timed out", "unreachable"] },
        },
      },
      version: { type: "string" },
      uptimeSeconds: { type: "integer" },
    },
  },
  StartRunRequest: fromZod(
    startRunRequestSchema,
    `What started the run (trigger kinds: ${RUN_TRIGGER_KINDS.join(", ")}), on whose behalf, and the model configuration. Every field is optional; the agent is the one the credential belongs to.`,
  ),
  StartRunResponse: {
    type: "object",
    required: ["runId", "status", "startedAt"],
    properties: {
      runId: { type: "string", pattern: "^run_[A-Za-z0-9]+$" },
      status: { const: "running" },
      startedAt: isoTime,
    },
  },
  EndRunRequest: fromZod(endRunRequestSchema, "How the run ended, with an optional summary."),
  EndRunResponse: {
    type: "object",
    required: ["runId", "status", "startedAt", "endedAt"],
    properties: {
      runId: { type: "string" },
      status: { type: "string", enum: ["succeeded", "failed", "cancelled"] },
      startedAt: isoTime,
      endedAt: isoTime,
    },
  },
  OutcomeReport: fromZod(
    outcomeReportSchema,
    `What happened when the agent ran an allowed action: success or error, the SHA-256 (hex) of the result, and up to ${MAX_SIDE_EFFECTS} side effects with http(s) links. "error" is only accepted with status "error".`,
  ),
  OutcomeResponse: {
    type: "object",
    required: ["decisionId", "runId", "status", "events", "recordedAt"],
    properties: {
      decisionId: { type: "string" },
      runId: { type: "string" },
      status: { type: "string", enum: ["success", "error"] },
      events: {
        type: "array",
        description:
          "The run events recorded: one OUTCOME, one SIDE_EFFECT per side effect, and an ERROR for an error.",
        items: {
          type: "object",
          required: ["id", "kind"],
          properties: {
            id: { type: "string" },
            kind: { type: "string", enum: ["OUTCOME", "SIDE_EFFECT", "ERROR"] },
          },
        },
      },
      recordedAt: isoTime,
    },
  },
  ApprovalState: {
    type: "object",
    required: ["id", "status", "expiresAt", "decidedAt", "requiredApprovers", "approvals"],
    properties: {
      id: { type: "string", pattern: "^apr_[A-Za-z0-9]+$" },
      status: {
        type: "string",
        enum: ["PENDING", "APPROVED", "DENIED", "EXPIRED", "CANCELLED", "CONSUMED"],
        description:
          "APPROVED: decide again with approvalId to get the single-use allow. A pending (or approved, unused) approval past expiresAt reads EXPIRED; CONSUMED: it has been used.",
      },
      expiresAt: isoTime,
      decidedAt: nullable(isoTime),
      requiredApprovers: { type: "integer", minimum: 1 },
      approvals: { type: "integer", minimum: 0, description: "Approving votes so far." },
    },
  },
};
