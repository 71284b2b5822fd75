// The shapes a change request stores: `payload` is the change exactly as it will be applied,
// `before` the state of what it touches when it was requested (approval compares it with the
// current state and refuses if they differ). JSON in the database, parsed back strictly here.
import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalJson, type JsonValue } from "../canonical-json";
import { AppError } from "../errors";
import type { JsonObject } from "../grants/approval-rule";
import type { GrantFields } from "../grants/validate-grant-fields";
import { QUOTA_METRICS, QUOTA_WINDOWS } from "../quotas/quota-record";

export const CHANGE_KINDS = ["grant.create", "grant.update", "quota.set", "agent.autonomy"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** The user is told this, in these words, wherever a change waits for sign-off. */
export const SIGN_OFF_MESSAGE =
  "Sent to security for sign-off: this widens a production agent's scope, so it takes effect once security approves it.";

const jsonObject = z.record(z.string(), z.unknown()).transform((value) => value as JsonObject);
const approvalRule = z.union([z.literal("never"), z.literal("always"), z.object({ when: jsonObject })]);

/** A grant as JSON (dates as ISO strings). */
const grantJson = z.object({
  operationPattern: z.string(),
  resourcePatterns: z.array(z.string()),
  paramsSchema: jsonObject.nullable(),
  approval: approvalRule,
  approvers: z.number().int(),
  approvalTtlSeconds: z.number().int(),
  expiresAt: z.string().nullable(),
});
export type GrantJson = z.infer<typeof grantJson>;

const payloadSchemas = {
  "grant.create": z.object({ grant: grantJson }),
  "grant.update": z.object({ grantId: z.string(), grant: grantJson }),
  /** limit null: remove the cap. */
  "quota.set": z.object({
    metric: z.enum(QUOTA_METRICS),
    window: z.enum(QUOTA_WINDOWS),
    limit: z.number().int().nullable(),
  }),
  "agent.autonomy": z.object({ autonomy: z.number().int() }),
} as const;

const beforeSchemas = {
  "grant.create": z.null(),
  "grant.update": z.object({ grant: grantJson }),
  "quota.set": z.object({ limit: z.number().int().nullable() }),
  "agent.autonomy": z.object({ autonomy: z.number().int() }),
} as const;

export type ChangePayload<K extends ChangeKind> = z.infer<(typeof payloadSchemas)[K]>;
export type ChangeBefore<K extends ChangeKind> = z.infer<(typeof beforeSchemas)[K]>;

/** A change of one kind, typed: what the domain builds and what approval applies. */
export type ScopeChange =
  | { kind: "grant.create"; payload: ChangePayload<"grant.create">; before: null }
  | { kind: "grant.update"; payload: ChangePayload<"grant.update">; before: ChangeBefore<"grant.update"> }
  | { kind: "quota.set"; payload: ChangePayload<"quota.set">; before: ChangeBefore<"quota.set"> }
  | {
      kind: "agent.autonomy";
      payload: ChangePayload<"agent.autonomy">;
      before: ChangeBefore<"agent.autonomy">;
    };

export function grantToJson(fields: GrantFields): GrantJson {
  return {
    operationPattern: fields.operationPattern,
    resourcePatterns: [...fields.resourcePatterns],
    paramsSchema: fields.paramsSchema,
    approval: fields.approval,
    approvers: fields.approvers,
    approvalTtlSeconds: fields.approvalTtlSeconds,
    expiresAt: fields.expiresAt ? fields.expiresAt.toISOString() : null,
  };
}

export function grantFromJson(json: GrantJson): GrantFields {
  return {
    operationPattern: json.operationPattern,
    resourcePatterns: json.resourcePatterns,
    paramsSchema: json.paramsSchema,
    approval: json.approval,
    approvers: json.approvers,
    approvalTtlSeconds: json.approvalTtlSeconds,
    expiresAt: json.expiresAt ? new Date(json.expiresAt) : null,
  };
}

/** Read a stored change back; a row that does not parse is refused rather than guessed at. */
export function parseStoredChange(row: { kind: string; payload: unknown; before: unknown }): ScopeChange {
  const kind = row.kind as ChangeKind;
  if (!CHANGE_KINDS.includes(kind)) {
    throw new AppError("PRECONDITION_FAILED", `This change request has an unknown kind (${row.kind}).`);
  }
  const payload = payloadSchemas[kind].safeParse(row.payload);
  const before = beforeSchemas[kind].safeParse(row.before ?? null);
  if (!payload.success || !before.success) {
    throw new AppError("PRECONDITION_FAILED", "This change request's stored change is unreadable.");
  }
  return { kind, payload: payload.data, before: before.data } as ScopeChange;
}

/**
 * Identical requests (same agent, kind, target and resulting state) share a key, so that applying
 * one fleet file twice, or clicking save twice, leaves one pending request. The before-state is
 * part of it: once the agent changed, the same wish is a new request.
 */
export function changeDedupeKey(agentId: string, change: ScopeChange): string {
  return createHash("sha256")
    .update(canonicalJson({ agentId, kind: change.kind, payload: change.payload, before: change.before }))
    .digest("hex");
}

export function asJson(value: unknown): JsonValue {
  return JSON.parse(canonicalJson(value)) as JsonValue;
}
