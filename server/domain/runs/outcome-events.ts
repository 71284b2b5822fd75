// An outcome report becomes run events: one OUTCOME, one SIDE_EFFECT per side effect (so that a
// run's timeline lists every external link on its own line), and an ERROR when the tool failed.
import { toJsonValue, type JsonValue } from "../canonical-json";
import type { OutcomeReport } from "./outcome-report";

export type RunEventKindName = "OUTCOME" | "SIDE_EFFECT" | "ERROR";

export type NewRunEvent = {
  kind: RunEventKindName;
  status: "success" | "error" | null;
  summary: string;
  resultDigest: string | null;
  externalUrl: string | null;
  data: { [key: string]: JsonValue } | null;
};

export function outcomeEvents(report: OutcomeReport): NewRunEvent[] {
  const sideEffects = report.sideEffects ?? [];
  const digest = report.resultDigest ? report.resultDigest.toLowerCase() : null;
  const events: NewRunEvent[] = [
    {
      kind: "OUTCOME",
      status: report.status,
      summary:
        report.status === "success"
          ? sideEffects.length === 0
            ? "Succeeded."
            : `Succeeded with ${sideEffects.length} side effect${sideEffects.length === 1 ? "" : "s"}.`
          : "Failed.",
      resultDigest: digest,
      externalUrl: null,
      data: {
        sideEffects: sideEffects.length,
        ...(report.result === undefined ? {} : { result: toJsonValue(report.result) }),
      },
    },
  ];
  for (const effect of sideEffects) {
    events.push({
      kind: "SIDE_EFFECT",
      status: null,
      summary: effect.description ?? "",
      resultDigest: null,
      externalUrl: effect.url ?? null,
      data: { kind: effect.kind, ...(effect.externalId ? { externalId: effect.externalId } : {}) },
    });
  }
  if (report.status === "error") {
    events.push({
      kind: "ERROR",
      status: "error",
      summary: report.error?.message ?? "The tool reported an error without a message.",
      resultDigest: null,
      externalUrl: null,
      data: report.error?.code ? { code: report.error.code } : null,
    });
  }
  return events;
}
