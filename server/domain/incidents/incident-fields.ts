import { z } from "zod";

// Field rules shared by the console forms and the tRPC inputs.

export const INCIDENT_SEVERITIES = ["low", "medium", "high", "critical"] as const;
export const INCIDENT_STATUSES = ["OPEN", "MITIGATED", "RESOLVED"] as const;
/** What an incident can link to (besides notes and status changes). */
export const LINKABLE_KINDS = ["KILL_SWITCH", "AGENT", "RUN", "DECISION", "APPROVAL"] as const;

export type IncidentStatusName = (typeof INCIDENT_STATUSES)[number];
export type LinkableKind = (typeof LINKABLE_KINDS)[number];

export const incidentTitleSchema = z
  .string()
  .trim()
  .min(3, "Give the incident a short title (at least 3 characters).")
  .max(200, "Keep the title to 200 characters or fewer.");

export const incidentSeveritySchema = z.enum(INCIDENT_SEVERITIES, {
  error: "Choose a severity: low, medium, high or critical.",
});

export const incidentStatusSchema = z.enum(INCIDENT_STATUSES, {
  error: "Choose a status: open, mitigated or resolved.",
});

export const incidentNoteSchema = z
  .string()
  .trim()
  .min(1, "Write the note before adding it.")
  .max(5000, "Keep a note to 5,000 characters or fewer.");

export const linkableKindSchema = z.enum(LINKABLE_KINDS);

export const refIdSchema = z.string().trim().min(1, "Give the id of the item to link.").max(100);

export const STATUS_LABELS: Record<IncidentStatusName, string> = {
  OPEN: "Open",
  MITIGATED: "Mitigated",
  RESOLVED: "Resolved",
};

export const KIND_LABELS: Record<LinkableKind, string> = {
  KILL_SWITCH: "kill switch",
  AGENT: "agent",
  RUN: "run",
  DECISION: "decision",
  APPROVAL: "approval",
};
