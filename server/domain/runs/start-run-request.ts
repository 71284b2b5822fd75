// The body of POST /api/runs. The agent comes from the credential, never from the body.
import { z } from "zod";
import { httpUrl, label, onBehalfOf } from "./runtime-fields";

export const RUN_TRIGGER_KINDS = ["ticket", "webhook", "user", "schedule", "other"] as const;

export const startRunRequestSchema = z
  .strictObject({
    trigger: z
      .strictObject({
        kind: z.enum(RUN_TRIGGER_KINDS),
        /** The ticket id, webhook delivery id, … */
        ref: z.string().min(1).max(256).nullish(),
        url: httpUrl.nullish(),
      })
      .nullish(),
    onBehalfOf: onBehalfOf.nullish(),
    model: z
      .strictObject({
        provider: label(100).nullish(),
        name: label(200).nullish(),
        systemPromptHash: label(200).nullish(),
        toolSchemaVersion: label(100).nullish(),
      })
      .nullish(),
  })
  .meta({ title: "StartRunRequest" });

export type StartRunRequest = z.output<typeof startRunRequestSchema>;

/** The run's row values, optional fields settled to null. */
export type NewRun = {
  trigger: { kind: (typeof RUN_TRIGGER_KINDS)[number]; ref?: string; url?: string } | null;
  onBehalfOf: string | null;
  modelProvider: string | null;
  modelName: string | null;
  systemPromptHash: string | null;
  toolSchemaVersion: string | null;
};

export function newRun(request: StartRunRequest): NewRun {
  const trigger = request.trigger
    ? {
        kind: request.trigger.kind,
        ...(request.trigger.ref ? { ref: request.trigger.ref } : {}),
        ...(request.trigger.url ? { url: request.trigger.url } : {}),
      }
    : null;
  return {
    trigger,
    onBehalfOf: request.onBehalfOf ?? null,
    modelProvider: request.model?.provider ?? null,
    modelName: request.model?.name ?? null,
    systemPromptHash: request.model?.systemPromptHash ?? null,
    toolSchemaVersion: request.model?.toolSchemaVersion ?? null,
  };
}
