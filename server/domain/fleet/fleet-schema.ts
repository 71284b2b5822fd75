import { redactionPathsInput } from "../redaction/redaction-rule-input";
import { z } from "zod";
import { ROLES } from "../auth/permissions";
import {
  MAX_RESOURCE_PATTERNS,
  operationPatternProblem,
  resourcePatternProblem,
  splitOperationPattern,
} from "../grants/patterns";
import { environmentNameSchema } from "../environments/environment-fields";
import { MAX_QUOTA_LIMIT, QUOTA_METRICS, QUOTA_WINDOWS } from "../quotas/quota-record";
import {
  EFFECT_CLASSES,
  MAX_OPERATION_DESCRIPTION_LENGTH,
  MAX_OPERATION_NAME_LENGTH,
  MAX_OPERATIONS_PER_TOOL,
  MAX_TOOL_DESCRIPTION_LENGTH,
  MAX_TOOL_NAME_LENGTH,
  OPERATION_NAME_PATTERN,
  TOOL_NAME_PATTERN,
} from "../tools/catalog-rules";
import {
  DEFAULT_APPROVAL_TTL_SECONDS,
  MAX_APPROVAL_TTL_SECONDS,
  MAX_APPROVERS,
  MIN_APPROVAL_TTL_SECONDS,
} from "../grants/validate-grant-fields";

// The fleet file: the declarative form of what the console edits (DESIGN.md, "The fleet file and
// the command line"). This schema checks the shape of each field; cross-references (owners,
// environments, parents, duplicates, JSON Schemas that compile) are checked in
// check-fleet-semantics.ts, and what depends on the database in apply-fleet.ts.
//
// Omitted optional fields mean their default, not "leave as is": the file is the desired state
// of everything it lists, so applying the same file always converges to the same rows.

export const DEFAULT_ENVIRONMENTS = [
  { name: "dev", production: false },
  { name: "staging", production: false },
  { name: "prod", production: true },
] as const;

export const GRANT_DEFAULTS = { approvers: 1, approvalTtlSeconds: DEFAULT_APPROVAL_TTL_SECONDS } as const;
export const AGENT_DEFAULTS = { maxPendingApprovals: 20 } as const;

export { QUOTA_METRICS, QUOTA_WINDOWS };

const slug = (what: string) =>
  z
    .string({ error: `must be a text (${what})` })
    .min(1, { error: "must not be empty" })
    .max(80, { error: "must be at most 80 characters" })
    .regex(/^[a-z0-9][a-z0-9._-]*$/, {
      error: `must be a lower-case ${what}: letters, digits, ".", "_" or "-"`,
    });

const email = z
  .email({ error: "must be an e-mail address" })
  .max(254)
  .transform((value) => value.toLowerCase());

/** A JSON Schema written inline. Whether it compiles is checked with Ajv in the semantic pass. */
export const jsonSchemaObject = z.record(z.string(), z.unknown(), {
  error: "must be a JSON Schema object, e.g. { type: object, properties: { … } }",
});
export type JsonSchemaObject = z.infer<typeof jsonSchemaObject>;

const environmentSchema = z.strictObject(
  {
    // The console's rule, so that every environment of the console can be exported.
    name: environmentNameSchema,
    production: z.boolean({ error: "must be true or false" }).default(false),
  },
  { error: "must be { name, production }" },
);

const memberSchema = z.strictObject(
  {
    email,
    name: z.string({ error: "must be a text" }).max(200).optional(),
    roles: z.array(z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }), {
      error: `must be a list of roles (${ROLES.join(", ")})`,
    }),
  },
  { error: "must be { email, name, roles }" },
);

const operationSchema = z.strictObject(
  {
    name: z
      .string({ error: "must be a name such as pulls.merge" })
      .min(1, { error: "must not be empty" })
      .max(MAX_OPERATION_NAME_LENGTH, { error: `must be at most ${MAX_OPERATION_NAME_LENGTH} characters` })
      .regex(OPERATION_NAME_PATTERN, {
        error: 'must be letters, digits, ".", "_" or "-", like pulls.merge',
      }),
    effect: z.enum(EFFECT_CLASSES, { error: `must be one of ${EFFECT_CLASSES.join(", ")}` }),
    description: z.string({ error: "must be a text" }).max(MAX_OPERATION_DESCRIPTION_LENGTH).optional(),
    inputSchema: jsonSchemaObject.nullable().optional(),
  },
  { error: "must be { name, effect, description?, inputSchema? }" },
);

const toolSchema = z.strictObject(
  {
    name: z
      .string({ error: "must be a name such as github" })
      .min(1, { error: "must not be empty" })
      .max(MAX_TOOL_NAME_LENGTH, { error: `must be at most ${MAX_TOOL_NAME_LENGTH} characters` })
      .regex(TOOL_NAME_PATTERN, { error: 'must be a lower-case name: letters, digits, "_" or "-"' }),
    description: z.string({ error: "must be a text" }).max(MAX_TOOL_DESCRIPTION_LENGTH).optional(),
    operations: z
      .array(operationSchema)
      .max(MAX_OPERATIONS_PER_TOOL, { error: `must list at most ${MAX_OPERATIONS_PER_TOOL} operations` })
      .default([]),
    /** Redaction rules of stored payloads; when present, they replace the tool's rules. */
    redaction: z
      .array(
        z.strictObject(
          {
            part: z.enum(["params", "result"], { error: "must be params or result" }),
            mode: z.enum(["redact", "fingerprint"], { error: "must be redact or fingerprint" }),
            paths: redactionPathsInput,
          },
          { error: "must be { part: params|result, mode: redact|fingerprint, paths: [JSON paths] }" },
        ),
      )
      .max(50, { error: "must list at most 50 rules" })
      .optional(),
  },
  { error: "must be { name, description?, operations, redaction? }" },
);

const isoDateTime = z.iso
  .datetime({ offset: true, error: "must be an ISO date-time such as 2026-12-31T23:59:59Z, or null" })
  .transform((value) => new Date(value).toISOString());

const approvalSchema = z.union(
  [z.literal("never"), z.literal("always"), z.strictObject({ when: jsonSchemaObject })],
  { error: "must be never, always, or { when: <JSON Schema on the parameters> }" },
);
export type FleetApproval = z.infer<typeof approvalSchema>;

// Patterns are checked by the same functions as the console's grant form, so a pattern
// accepted here means the same thing to the decision API.
const operationPattern = z
  .string({ error: "must look like tool:operation, e.g. github:pulls.*" })
  .superRefine((pattern, ctx) => {
    const problem = operationPatternProblem(pattern);
    if (!problem) return;
    const shapeless = !splitOperationPattern(pattern) || /\s/.test(pattern);
    ctx.addIssue({
      code: "custom",
      message: shapeless ? "must look like tool:operation, e.g. github:pulls.*" : problem,
    });
  });

const resourcePattern = z
  .string({ error: 'must be a resource pattern such as "repo:acme/web"' })
  .superRefine((pattern, ctx) => {
    const problem = resourcePatternProblem(pattern);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const grantSchema = z.strictObject(
  {
    operation: operationPattern,
    resources: z
      .array(resourcePattern, { error: 'must be a list of resource patterns, e.g. ["repo:acme/web"]' })
      .min(1, { error: "must list at least one resource pattern (use ** for any resource)" })
      .max(MAX_RESOURCE_PATTERNS, { error: `must list at most ${MAX_RESOURCE_PATTERNS} resource patterns` }),
    params: jsonSchemaObject.nullable().optional(),
    approval: approvalSchema.default("never"),
    approvers: z
      .int({ error: `must be a whole number from 1 to ${MAX_APPROVERS}` })
      .min(1, { error: "must be at least 1" })
      .max(MAX_APPROVERS, { error: `must be at most ${MAX_APPROVERS}` })
      .default(GRANT_DEFAULTS.approvers),
    approvalTtlSeconds: z
      .int({ error: "must be a whole number of seconds" })
      .min(MIN_APPROVAL_TTL_SECONDS, { error: `must be at least ${MIN_APPROVAL_TTL_SECONDS} seconds` })
      .max(MAX_APPROVAL_TTL_SECONDS, { error: `must be at most ${MAX_APPROVAL_TTL_SECONDS} seconds (a day)` })
      .default(GRANT_DEFAULTS.approvalTtlSeconds),
    expiresAt: isoDateTime.nullable().default(null),
  },
  { error: "must be { operation, resources, params?, approval, approvers?, expiresAt? }" },
);

const quotaSchema = z.strictObject(
  {
    metric: z.enum(QUOTA_METRICS, { error: `must be one of ${QUOTA_METRICS.join(", ")}` }),
    window: z.enum(QUOTA_WINDOWS, { error: `must be one of ${QUOTA_WINDOWS.join(", ")}` }),
    limit: z
      .int({ error: "must be a whole number" })
      .min(0, { error: "must be 0 or more" })
      .max(MAX_QUOTA_LIMIT, { error: `must be at most ${MAX_QUOTA_LIMIT}` }),
  },
  { error: "must be { metric, window, limit }" },
);

const agentSchema = z.strictObject(
  {
    name: slug("agent name"),
    purpose: z.string().max(500, { error: "must be at most 500 characters" }).optional(),
    owner: email,
    environment: z
      .string({ error: "must name an environment, e.g. prod" })
      .min(1, { error: "must not be empty" }),
    autonomy: z
      .int({ error: "must be 0 (observe), 1 (assist), 2 (guarded) or 3 (autonomous)" })
      .min(0, { error: "must be 0 (observe), 1 (assist), 2 (guarded) or 3 (autonomous)" })
      .max(3, { error: "must be 0 (observe), 1 (assist), 2 (guarded) or 3 (autonomous)" }),
    parent: z.string().min(1).nullable().optional(),
    maxPendingApprovals: z
      .int({ error: "must be a whole number" })
      .min(1, { error: "must be at least 1" })
      .max(1000, { error: "must be at most 1000" })
      .default(AGENT_DEFAULTS.maxPendingApprovals),
    grants: z.array(grantSchema).default([]),
    quotas: z.array(quotaSchema).default([]),
  },
  { error: "must be { name, owner, environment, autonomy, grants, quotas, … }" },
);

export const fleetDocumentSchema = z.strictObject(
  {
    org: z
      .string({ error: "must be the org's slug, e.g. acme" })
      .min(1, { error: "must not be empty" })
      .max(60)
      .regex(/^[a-z0-9][a-z0-9-]*$/, {
        error: 'must be the org\'s slug: lower-case letters, digits and "-"',
      }),
    orgName: z.string({ error: "must be a text" }).min(1, { error: "must not be empty" }).max(200).optional(),
    environments: z
      .array(environmentSchema)
      .min(1, { error: "must list at least one environment" })
      .optional(),
    members: z.array(memberSchema).default([]),
    tools: z.array(toolSchema).default([]),
    agents: z.array(agentSchema).default([]),
  },
  { error: "must be a YAML mapping that starts with org: <slug>" },
);

export type FleetDocument = z.infer<typeof fleetDocumentSchema>;
export type FleetEnvironment = z.infer<typeof environmentSchema>;
export type FleetMember = z.infer<typeof memberSchema>;
export type FleetTool = z.infer<typeof toolSchema>;
export type FleetOperation = z.infer<typeof operationSchema>;
export type FleetAgent = z.infer<typeof agentSchema>;
export type FleetGrant = z.infer<typeof grantSchema>;
export type FleetQuota = z.infer<typeof quotaSchema>;

/** The environments a document declares, or the default trio when it declares none. */
export function fleetEnvironments(doc: Pick<FleetDocument, "environments">): readonly FleetEnvironment[] {
  return doc.environments ?? DEFAULT_ENVIRONMENTS;
}
