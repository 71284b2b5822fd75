// A run as one JSON document or as JSON Lines, produced page by page (keyset, EXPORT_PAGE_SIZE
// entries at a time) so that a run of any size is exported in bounded memory. Authorization and
// "not found" are settled before the first byte, so a refusal is a proper error response.
import type { DbOrTx } from "../../db";
import type { MemberContext } from "../auth/permissions";
import { getRun } from "./get-run";
import type { KeysetPosition } from "./keyset-cursor";
import { readTimelinePage } from "./read-timeline-page";

export const RUN_EXPORT_FORMATS = ["json", "jsonl"] as const;
export type RunExportFormat = (typeof RUN_EXPORT_FORMATS)[number];
/** Named in every export so that readers can tell versions apart. */
export const RUN_EXPORT_VERSION = "warden.run-export/1";
export const EXPORT_PAGE_SIZE = 500;

export type RunExport = {
  filename: string;
  contentType: string;
  chunks: AsyncGenerator<string>;
};

export async function prepareRunExport(
  db: DbOrTx,
  member: MemberContext,
  input: { runId: string; format: RunExportFormat; exportedAt?: Date },
): Promise<RunExport> {
  const run = await getRun(db, member, { id: input.runId });
  const header = {
    format: RUN_EXPORT_VERSION,
    exportedAt: (input.exportedAt ?? new Date()).toISOString(),
    exportedBy: member.email,
    run,
  };
  const scope = { orgId: member.orgId, runId: run.id };
  return input.format === "json"
    ? {
        filename: `${run.id}.json`,
        contentType: "application/json; charset=utf-8",
        chunks: jsonDocument(db, scope, header),
      }
    : {
        filename: `${run.id}.jsonl`,
        contentType: "application/x-ndjson; charset=utf-8",
        chunks: jsonLines(db, scope, header),
      };
}

async function* timelineEntries(db: DbOrTx, scope: { orgId: string; runId: string }) {
  let after: KeysetPosition | null = null;
  for (;;) {
    const page = await readTimelinePage(db, scope, after, EXPORT_PAGE_SIZE);
    yield page.entries;
    if (!page.more || !page.last) return;
    after = page.last;
  }
}

async function* jsonDocument(
  db: DbOrTx,
  scope: { orgId: string; runId: string },
  header: object,
): AsyncGenerator<string> {
  const opening = JSON.stringify(header);
  // The header's closing brace is replaced by the timeline array, written entry by entry.
  yield `${opening.slice(0, -1)},"timeline":[`;
  let first = true;
  for await (const entries of timelineEntries(db, scope)) {
    if (entries.length === 0) continue;
    const text = entries.map((entry) => JSON.stringify(entry)).join(",\n");
    yield first ? `\n${text}` : `,\n${text}`;
    first = false;
  }
  yield "\n]}\n";
}

async function* jsonLines(
  db: DbOrTx,
  scope: { orgId: string; runId: string },
  header: { format: string; exportedAt: string; exportedBy: string; run: object },
): AsyncGenerator<string> {
  yield `${JSON.stringify({ type: "run", format: header.format, exportedAt: header.exportedAt, exportedBy: header.exportedBy, ...header.run })}\n`;
  for await (const entries of timelineEntries(db, scope)) {
    if (entries.length > 0) yield `${entries.map((entry) => JSON.stringify(entry)).join("\n")}\n`;
  }
}
