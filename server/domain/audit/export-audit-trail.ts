// The audit search as a download: CSV or JSON Lines, produced page by page from the same keyset
// search (never a whole-table read), so memory stays flat whatever the trail's size.
import type { Db, DbOrTx } from "../../db";
import { writeAuditEvent } from "./write-audit-event";
import { searchAuditTrail, type AuditSearchFilters, type AuditSearchRow } from "./search-audit-trail";
import { authorize, type MemberContext } from "../auth/permissions";

export const AUDIT_EXPORT_FORMATS = ["csv", "jsonl"] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

const EXPORT_PAGE = 500;

const COLUMNS = [
  "kind",
  "id",
  "createdAt",
  "agentId",
  "agentName",
  "tool",
  "operation",
  "resource",
  "outcome",
  "reasonCode",
  "reasonMessage",
  "runId",
  "actor",
  "actorType",
  "action",
  "targetType",
  "targetId",
  "params",
  "before",
  "after",
  "chainKey",
  "seq",
  "hash",
] as const;

/**
 * One CSV cell. Quoted when it holds a separator, quote or line break; and a cell that a
 * spreadsheet would run as a formula (starting with = + - @, or a tab or carriage return) gets a
 * leading apostrophe, so that a value an agent chose (a resource, a reason) cannot execute in the
 * reviewer's spreadsheet.
 */
export function csvCell(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = "";
  else if (value instanceof Date) text = value.toISOString();
  else if (typeof value === "string") text = value;
  else if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
    text = value.toString();
  else text = JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function plain(row: AuditSearchRow): Record<(typeof COLUMNS)[number], unknown> {
  return { ...row, createdAt: row.createdAt.toISOString(), seq: row.seq.toString() };
}

function formatRow(row: AuditSearchRow, format: AuditExportFormat): string {
  const record = plain(row);
  if (format === "jsonl") return `${JSON.stringify(record)}\n`;
  return `${COLUMNS.map((c) => csvCell(record[c])).join(",")}\r\n`;
}

/**
 * Start an export: authorize (audit:read, AUDITOR included), record who exported what, and return
 * the chunks to stream. The export event is written before the first row is read, so an export is
 * on the record even if the download is cut short.
 */
export async function prepareAuditExport(
  db: Db,
  member: MemberContext,
  input: { filters: AuditSearchFilters; format: AuditExportFormat },
) {
  authorize(member, "audit:read");
  await db.$transaction((tx) =>
    writeAuditEvent(tx, {
      orgId: member.orgId,
      actor: { type: "USER", id: member.userId, label: member.email },
      action: "audit.exported",
      targetType: "organization",
      targetId: member.orgId,
      after: { format: input.format, filters: input.filters },
    }),
  );
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return {
    contentType: input.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    filename: `audit-trail-${stamp}.${input.format}`,
    chunks: auditExportChunks(db, member.orgId, input.filters, input.format),
  };
}

export async function* auditExportChunks(
  db: DbOrTx,
  orgId: string,
  filters: AuditSearchFilters,
  format: AuditExportFormat,
): AsyncGenerator<string> {
  if (format === "csv") yield `${COLUMNS.join(",")}\r\n`;
  let cursor: string | null = null;
  do {
    const page = await searchAuditTrail(db, orgId, filters, { limit: EXPORT_PAGE, cursor });
    if (page.items.length > 0) yield page.items.map((row) => formatRow(row, format)).join("");
    cursor = page.nextCursor;
  } while (cursor);
}
