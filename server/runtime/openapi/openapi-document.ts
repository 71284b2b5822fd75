// GET /api/openapi.json: the runtime API described for people and code generators. One
// operation per route of RUNTIME_ROUTES (the Record below makes a missing one a type error), with
// the security of each taken from the route table.
import { REASON_CODES } from "../../domain/decide/reason-codes";
import { MAX_APPROVAL_WAIT_SECONDS } from "../approvals/handle-get-approval";
import { ENVIRONMENT_HEADER } from "../decide/handle-decide";
import { MAX_PLAN_STEPS } from "../../domain/plans/plan-request";
import { PLAN_OUT_OF_SCOPE, PLAN_REFUSAL_CODES } from "../plans/handle-submit-plan";
import { RUNTIME_ROUTES, type RouteName } from "../routing/runtime-routes";
import { RUN_REFUSAL_CODES, SCHEMAS } from "./openapi-schemas";
import { ref, type OpenApiDocument, type Operation, type ResponseObject } from "./openapi-types";

const json = (name: string) => ({ "application/json": { schema: ref("schemas", name) } });
const ok = (description: string, schema: string): ResponseObject => ({ description, content: json(schema) });
const errorResponse = (description: string): ResponseObject => ({ description, content: json("Error") });
const body = (schema: string, required = true) => ({ required, content: json(schema) });
const COMMON_STATUS = {
  BadRequest: "400",
  Unauthorized: "401",
  Refused: "403",
  NotFound: "404",
  PayloadTooLarge: "413",
  StoreUnavailable: "503",
} as const;
const common = (...names: (keyof typeof COMMON_STATUS)[]) =>
  Object.fromEntries(names.map((name) => [COMMON_STATUS[name], ref("responses", name)]));
const idParameter = (prefix: string, what: string) => ({
  name: "id",
  in: "path" as const,
  required: true,
  description: `The ${what}'s id (\`${prefix}_…\`).`,
  schema: { type: "string", pattern: `^${prefix}_[A-Za-z0-9]+$` },
});

type OperationWithoutSecurity = Omit<Operation, "security" | "tags"> & { tags?: string[] };

const OPERATIONS: Record<RouteName, OperationWithoutSecurity> = {
  decide: {
    operationId: "decide",
    summary: "Ask before a tool call",
    description:
      "Answers allow, deny or require_approval with a stable reason code, after writing the decision durably. Evaluation order: authentication → agent, environment and org state → strict validation → idempotency → a presented approval → autonomy level → grants → quotas → approval rules. A store failure is a deny or a 503, never an allow.",
    parameters: [ref("parameters", "Environment")],
    requestBody: body("DecideRequest"),
    responses: {
      "200": {
        description:
          "The decision. `idempotent-replayed: true` marks the stored answer to a repeated idempotency key.",
        content: json("DecideResponse"),
      },
      ...common("BadRequest", "Unauthorized", "PayloadTooLarge"),
      "409": errorResponse(
        "RUN_ENDED: the request names a run that has already ended; start a new run. Nothing was evaluated or recorded.",
      ),
      "422": errorResponse("IDEMPOTENCY_CONFLICT: the idempotency key was already used with another body."),
      ...common("StoreUnavailable"),
    },
  },
  token: {
    operationId: "exchangeToken",
    summary: "Exchange a credential for a short-lived token",
    description:
      "Only a credential (never a token) can be exchanged. The ES256 JWT is bound to an audience and to the agent's environment, and lives at most 15 minutes. A stopped agent (paused, or its environment or org frozen) gets no token: 403 with `AGENT_PAUSED`, `ENVIRONMENT_FROZEN` or `ORG_FROZEN`.",
    requestBody: body("TokenRequest", false),
    responses: {
      "200": ok("The token.", "TokenResponse"),
      ...common("BadRequest", "Unauthorized", "Refused", "PayloadTooLarge", "StoreUnavailable"),
    },
  },
  jwks: {
    operationId: "getJwks",
    summary: "The public keys that verify agent tokens",
    description: "A JSON Web Key Set (ES256).",
    responses: { "200": ok("The key set.", "Jwks"), ...common("StoreUnavailable") },
  },
  health: {
    operationId: "getHealth",
    summary: "Liveness and database state",
    description: "No authentication and nothing secret.",
    responses: {
      "200": ok("Up.", "Health"),
      "503": { description: "The database is down.", content: json("Health") },
    },
  },
  openapi: {
    operationId: "getOpenApi",
    summary: "This document",
    description: "The OpenAPI 3.1 description of the runtime API.",
    responses: {
      "200": {
        description: "The document.",
        content: { "application/json": { schema: { type: "object" } } },
      },
    },
  },
  startRun: {
    operationId: "startRun",
    summary: "Start a run",
    description: `A run of the calling agent. Pass its runId to /api/decide so that decisions, approvals and outcomes are grouped (and per-run quotas apply). A stopped agent starts no run: 403 with ${RUN_REFUSAL_CODES.map((c) => `\`${c}\``).join(", ")}.`,
    parameters: [ref("parameters", "Environment")],
    requestBody: body("StartRunRequest", false),
    responses: {
      "201": ok("The run started.", "StartRunResponse"),
      ...common("BadRequest", "Unauthorized", "Refused", "PayloadTooLarge", "StoreUnavailable"),
    },
  },
  endRun: {
    operationId: "endRun",
    summary: "End a run",
    description: "Only the run's own agent ends it, once. A paused agent may still end its runs.",
    parameters: [idParameter("run", "run")],
    requestBody: body("EndRunRequest"),
    responses: {
      "200": ok("The run ended.", "EndRunResponse"),
      ...common("BadRequest", "Unauthorized", "NotFound"),
      "409": errorResponse("CONFLICT: the run already ended."),
      ...common("PayloadTooLarge", "StoreUnavailable"),
    },
  },
  reportOutcome: {
    operationId: "reportOutcome",
    summary: "Report what happened after an allowed action",
    description:
      "Recorded once per decision, as run events (OUTCOME, one SIDE_EFFECT per side effect, ERROR). Only for an allowed decision of the calling agent made inside a run.",
    parameters: [idParameter("dec", "decision")],
    requestBody: body("OutcomeReport"),
    responses: {
      "201": ok("The outcome was recorded.", "OutcomeResponse"),
      ...common("BadRequest", "Unauthorized", "NotFound"),
      "409": errorResponse(
        "CONFLICT: already reported, the decision did not allow the action, or it was made outside a run.",
      ),
      ...common("PayloadTooLarge", "StoreUnavailable"),
    },
  },
  getApproval: {
    operationId: "getApproval",
    summary: "An approval's state, optionally waiting for it",
    description: `Readable only by the approval's own agent. With \`wait=N\` (0–${MAX_APPROVAL_WAIT_SECONDS}) the answer comes as soon as the status is no longer PENDING, or after N seconds.`,
    parameters: [
      idParameter("apr", "approval"),
      {
        name: "wait",
        in: "query",
        required: false,
        description: "Seconds to wait for a decision (long poll).",
        schema: { type: "integer", minimum: 0, maximum: MAX_APPROVAL_WAIT_SECONDS, default: 0 },
      },
    ],
    responses: {
      "200": ok("The approval's state.", "ApprovalState"),
      ...common("BadRequest", "Unauthorized", "NotFound", "StoreUnavailable"),
    },
  },
  submitPlan: {
    operationId: "submitPlan",
    summary: "Submit a plan to be approved once",
    description: `"Plan, then execute": the actions the agent intends to take (1–${MAX_PLAN_STEPS} steps) and a budget, approved once by people as an envelope. Every step must already be within the agent's grants (a plan never widens them; otherwise 403 \`${PLAN_OUT_OF_SCOPE}\` with one issue per step). Wait for the approval with GET /api/approvals/{id}?wait=N. Once approved, a /api/decide call that would need approval and matches a step answers \`PLAN_APPROVED\` and takes from the budget; anything else is evaluated as usual. Matching: tool and operation equal; resource equal, or matched when the step's resource is a glob; params equal when the step lists them (any params the grants allow when it does not); inside the plan's run when it names one; until the plan expires. Once the budget is used up, matching calls are refused with \`QUOTA_EXCEEDED\` and the decision's \`plan\` shows the budget. Grants, quotas, kill switches and autonomy level 0 apply as always. With an \`idempotencyKey\`, a retry with the same key and the same body answers with the plan the first submission created (no second plan or approval; \`idempotent-replayed: true\`), and the same key with another body is 422 \`IDEMPOTENCY_CONFLICT\`. Stored step params follow the tool's redaction rules; matching compares the params as sent, by their SHA-256 digest.`,
    parameters: [ref("parameters", "Environment")],
    requestBody: body("SubmitPlanRequest"),
    responses: {
      "201": ok(
        "The plan and its pending approval. `idempotent-replayed: true` marks the answer to a repeated idempotency key.",
        "SubmitPlanResponse",
      ),
      ...common("BadRequest", "Unauthorized"),
      "403": errorResponse(
        `${PLAN_OUT_OF_SCOPE} (some steps are outside the grants; see issues), or the agent may not act now: ${PLAN_REFUSAL_CODES.map((c) => `\`${c}\``).join(", ")}.`,
      ),
      "422": errorResponse("IDEMPOTENCY_CONFLICT: the idempotency key was already used with another plan."),
      ...common("PayloadTooLarge"),
      "429": errorResponse(
        "APPROVAL_QUEUE_FULL: the agent already has as many approvals waiting as it may have.",
      ),
      ...common("StoreUnavailable"),
    },
  },
  getPlan: {
    operationId: "getPlan",
    summary: "A plan's state, budget and use",
    description:
      "Readable only by the plan's own agent. APPROVED past its expiry reads EXPIRED, and with its call budget used up EXHAUSTED.",
    parameters: [idParameter("pln", "plan")],
    responses: {
      "200": ok("The plan.", "PlanState"),
      ...common("BadRequest", "Unauthorized", "NotFound", "StoreUnavailable"),
    },
  },
  cancelPlan: {
    operationId: "cancelPlan",
    summary: "Cancel a plan",
    description:
      "Only the plan's own agent cancels it; send no body (or `{}`). A PENDING or APPROVED plan becomes CANCELLED, with its pending approval; from then on /api/decide no longer answers `PLAN_APPROVED` for it, so matching calls are evaluated as usual (and may need approval again). Cancelling a cancelled plan answers its state again.",
    parameters: [idParameter("pln", "plan")],
    responses: {
      "200": ok("The plan, now cancelled.", "PlanState"),
      ...common("BadRequest", "Unauthorized", "NotFound"),
      "409": errorResponse("CONFLICT: the plan was already denied, expired or used up."),
      ...common("PayloadTooLarge", "StoreUnavailable"),
    },
  },
};

const TAG_OF: Record<RouteName, string> = {
  decide: "decisions",
  reportOutcome: "decisions",
  getApproval: "decisions",
  submitPlan: "plans",
  getPlan: "plans",
  cancelPlan: "plans",
  startRun: "runs",
  endRun: "runs",
  token: "authentication",
  jwks: "authentication",
  health: "operations",
  openapi: "operations",
};

export function buildOpenApiDocument(version = process.env.npm_package_version ?? "0.1.0"): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const route of RUNTIME_ROUTES) {
    const operation: Operation = {
      ...OPERATIONS[route.name],
      tags: [TAG_OF[route.name]],
      security: route.authenticated ? [{ bearer: [] }] : [],
    };
    paths[route.path] = { ...paths[route.path], [route.method === "GET" ? "get" : "post"]: operation };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Warden runtime API",
      version,
      description: `Agent runtimes ask Warden before every tool call, wait for approvals, and report what happened. Authenticate with \`Authorization: Bearer <credential or token>\`; the agent is the one the credential belongs to, never a field of the body. Errors are \`{ "error": { "code", "message" } }\`. There are ${Object.keys(REASON_CODES).length} reason codes (see ReasonCode).`,
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    tags: [
      { name: "decisions", description: "Decide, wait for approvals, report outcomes." },
      { name: "runs", description: "Group an agent's work into runs." },
      { name: "plans", description: "Plan, then execute: approve a list of intended actions once." },
      { name: "authentication", description: "Short-lived tokens and their keys." },
      { name: "operations", description: "Health and this document." },
    ],
    paths,
    components: {
      schemas: SCHEMAS,
      parameters: {
        Environment: {
          name: ENVIRONMENT_HEADER,
          in: "header",
          required: false,
          description: "The environment the runtime believes it runs in; when given it must be the agent's.",
          schema: { type: "string" },
        },
      },
      responses: {
        BadRequest: errorResponse(
          "INVALID_REQUEST (unknown or duplicate fields, wrong types, deep nesting) or NON_CANONICAL_RESOURCE.",
        ),
        Unauthorized: errorResponse(
          "AUTHENTICATION_FAILED: the credential or token is missing, unknown, expired or revoked.",
        ),
        Refused: errorResponse("The agent may not act now; the code is the kill switch's reason code."),
        NotFound: errorResponse("NOT_FOUND: no such resource for this agent."),
        PayloadTooLarge: errorResponse("PAYLOAD_TOO_LARGE: the body is over 64 KB."),
        StoreUnavailable: errorResponse(
          "STORE_UNAVAILABLE: Warden's database is unavailable; nothing was allowed or recorded.",
        ),
      },
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An agent credential (`wdn_…`) or a token from POST /api/token.",
        },
      },
    },
  };
}

let cached: string | null = null;

/** The document as served, built once per process. */
export function openApiJson(): string {
  cached ??= JSON.stringify(buildOpenApiDocument());
  return cached;
}
