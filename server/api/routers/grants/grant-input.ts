import { z } from "zod";

/** A JSON Schema as an object of JSON values (the domain checks that it compiles). */
export const jsonSchemaObject = z.record(z.string(), z.json());

export const approvalRuleInput = z.union([
  z.literal("never"),
  z.literal("always"),
  z.object({ when: jsonSchemaObject }).strict(),
]);

/** The editable fields of a grant, as the console sends them. */
export const grantFieldsInput = z.object({
  operationPattern: z.string().trim().min(1).max(200),
  resourcePatterns: z.array(z.string().trim().min(1).max(300)).min(1).max(20),
  paramsSchema: jsonSchemaObject.nullable().optional(),
  approval: approvalRuleInput,
  approvers: z.number().int().min(1).max(5),
  approvalTtlSeconds: z.number().int().min(60).max(86_400).optional(),
  expiresAt: z.date().nullable().optional(),
});
