import type { DbOrTx } from "../../db";
import type { MemberContext } from "../auth/permissions";
import { getIncident, type IncidentDetail } from "./get-incident";
import { STATUS_LABELS } from "./incident-fields";

export type IncidentExportFormat = "json" | "md";

/** An incident as a file an auditor keeps: JSON for tools, Markdown for people. */
export async function exportIncident(
  db: DbOrTx,
  member: MemberContext,
  incidentId: string,
  format: IncidentExportFormat,
): Promise<{ filename: string; contentType: string; body: string }> {
  const detail = await getIncident(db, member, incidentId);
  const exportedAt = new Date();
  if (format === "json") {
    const { canWrite: _omit, ...data } = detail;
    return {
      filename: `${detail.incident.id}.json`,
      contentType: "application/json; charset=utf-8",
      body: `${JSON.stringify({ exportedAt, exportedBy: member.email, ...data }, null, 2)}\n`,
    };
  }
  return {
    filename: `${detail.incident.id}.md`,
    contentType: "text/markdown; charset=utf-8",
    body: incidentMarkdown(detail, member.email, exportedAt),
  };
}

/** Markdown text is escaped so a title or note cannot forge structure (links, headings, tables). */
const md = (text: string | null | undefined) =>
  (text ?? "").replace(/[\\`*_[\]|<>]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");

export function incidentMarkdown(detail: IncidentDetail, exportedBy: string, exportedAt: Date): string {
  const { incident, links, timeline, truncated } = detail;
  const lines = [
    `# Incident: ${md(incident.title)}`,
    "",
    `- Id: ${incident.id}`,
    `- Severity: ${md(incident.severity)}`,
    `- Status: ${STATUS_LABELS[incident.status]}`,
    `- Opened: ${incident.createdAt.toISOString()}${incident.openedBy ? ` by ${md(incident.openedBy)}` : ""}`,
    ...(incident.resolvedAt ? [`- Resolved: ${incident.resolvedAt.toISOString()}`] : []),
    `- Exported: ${exportedAt.toISOString()} by ${md(exportedBy)}`,
    "",
    "## Involved",
    "",
    `- Agents: ${links.agents.map((a) => `${md(a.name)} (${a.status.toLowerCase()})`).join(", ") || "none"}`,
    `- Runs: ${links.runs.map((r) => r.id).join(", ") || "none"}`,
    `- Kill switches: ${links.killSwitches.map((s) => `${s.id} (${s.scope.toLowerCase()}${s.releasedAt ? ", released" : ", engaged"})`).join(", ") || "none"}`,
    `- Decisions shown: ${links.decisions}; approvals shown: ${links.approvals}`,
    "",
    "## Timeline",
    "",
    "| Time (UTC) | What | Outcome | Who | Details |",
    "| --- | --- | --- | --- | --- |",
    ...timeline.map(
      (t) =>
        `| ${t.at.toISOString()} | ${md(t.title)} | ${md(t.outcome)} | ${md(t.actor)} | ${md(t.detail)}${t.refId ? ` (${md(t.refId)})` : ""} |`,
    ),
    ...(truncated.length ? ["", ...truncated.map((t) => `> ${md(t)}`)] : []),
    "",
  ];
  return lines.join("\n");
}
