import { z } from "zod";
import { NOTIFICATION_EVENTS } from "./notification-events";

// The rules a notification channel's fields follow, shared by the tRPC inputs and the domain so
// that the form shows the same sentences the server would answer with.

export const CHANNEL_KINDS = ["SLACK", "WEBHOOK"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const MAX_CHANNEL_URL = 2000;

/** Why a URL cannot be used as a receiver, in a sentence; null when it is fine. */
export function channelUrlProblem(value: string): string | null {
  if (value.length === 0) return "Enter the URL that receives the messages.";
  if (value.length > MAX_CHANNEL_URL) return `Keep the URL to ${MAX_CHANNEL_URL} characters or fewer.`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "This is not a valid URL (it should look like https://hooks.example.com/…).";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return "Only http:// and https:// URLs can be used.";
  if (!url.hostname) return "The URL needs a host name.";
  return null;
}

export const channelNameSchema = z
  .string()
  .trim()
  .min(1, "Give the channel a name, e.g. #security-approvals.")
  .max(80, "Keep the name to 80 characters or fewer.");

export const channelUrlSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = channelUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const channelEventsSchema = z
  .array(z.enum(NOTIFICATION_EVENTS))
  .min(1, "Choose at least one event.")
  .max(NOTIFICATION_EVENTS.length)
  .transform((events) => [...new Set(events)]);

export const channelInputSchema = z.object({
  kind: z.enum(CHANNEL_KINDS),
  name: channelNameSchema,
  url: channelUrlSchema,
  events: channelEventsSchema,
  /** null: every environment. */
  environmentId: z.string().min(1).max(100).nullable(),
});
export type ChannelInput = z.infer<typeof channelInputSchema>;
