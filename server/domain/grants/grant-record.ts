// The three shapes of a grant: the stored row, the validated fields the domain works with, and
// the snapshot written to the audit trail (with agentId, so an agent's history can find it).
import { Prisma } from "../../generated/prisma/client";
import type { JsonObject } from "./approval-rule";
import { approvalRuleFromColumns, approvalRuleToColumns } from "./approval-rule";
import type { GrantFields } from "./validate-grant-fields";

export type GrantRow = {
  id: string;
  agentId: string;
  operationPattern: string;
  resourcePatterns: string[];
  paramsSchema: unknown;
  approvalMode: "NEVER" | "ALWAYS" | "WHEN";
  approvalWhen: unknown;
  approvers: number;
  approvalTtlSeconds: number;
  expiresAt: Date | null;
};

export const GRANT_ROW_SELECT = {
  id: true,
  agentId: true,
  operationPattern: true,
  resourcePatterns: true,
  paramsSchema: true,
  approvalMode: true,
  approvalWhen: true,
  approvers: true,
  approvalTtlSeconds: true,
  expiresAt: true,
} as const;

function asJsonObject(value: unknown): JsonObject | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

export function grantRowToFields(row: GrantRow): GrantFields {
  return {
    operationPattern: row.operationPattern,
    resourcePatterns: row.resourcePatterns,
    paramsSchema: asJsonObject(row.paramsSchema),
    approval: approvalRuleFromColumns(row),
    approvers: row.approvers,
    approvalTtlSeconds: row.approvalTtlSeconds,
    expiresAt: row.expiresAt,
  };
}

/** The columns to write for validated fields (JSON nulls become SQL NULLs). */
export function grantFieldsToData(fields: GrantFields) {
  const { approvalMode, approvalWhen } = approvalRuleToColumns(fields.approval);
  return {
    operationPattern: fields.operationPattern,
    resourcePatterns: fields.resourcePatterns,
    paramsSchema: fields.paramsSchema ?? Prisma.DbNull,
    approvalMode,
    approvalWhen: approvalWhen ?? Prisma.DbNull,
    approvers: fields.approvers,
    approvalTtlSeconds: fields.approvalTtlSeconds,
    expiresAt: fields.expiresAt,
  };
}

export function grantAuditSnapshot(agentId: string, fields: GrantFields) {
  return { agentId, ...fields };
}
