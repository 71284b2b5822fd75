// The body of POST /api/runs/{id}/end.
import { z } from "zod";
import { text } from "./runtime-fields";

export const RUN_END_STATUSES = ["succeeded", "failed", "cancelled"] as const;
export type RunEndStatus = (typeof RUN_END_STATUSES)[number];

export const endRunRequestSchema = z
  .strictObject({
    status: z.enum(RUN_END_STATUSES),
    summary: text(4000).nullish(),
  })
  .meta({ title: "EndRunRequest" });

export type EndRunRequest = z.output<typeof endRunRequestSchema>;

/** The database's RunStatus for an ending status, and back. */
export const RUN_STATUS_OF = {
  succeeded: "SUCCEEDED",
  failed: "FAILED",
  cancelled: "CANCELLED",
} as const satisfies Record<RunEndStatus, string>;

export type RunStatusName = "RUNNING" | (typeof RUN_STATUS_OF)[RunEndStatus];

export const runStatusLabel = (status: RunStatusName) => status.toLowerCase() as "running" | RunEndStatus;
