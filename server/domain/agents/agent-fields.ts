import { z } from "zod";
import { AppError } from "../errors";

// Field rules shared by the console forms, the tRPC inputs and the command line, so that an
// agent accepted in one place is accepted in every other.

export const agentNameSchema = z
  .string()
  .trim()
  .min(1, "Give the agent a name.")
  .max(80, "Keep the name to 80 characters or fewer.")
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    "Use lower-case letters, digits, dots, dashes and underscores, starting with a letter or digit (e.g. release-bot).",
  );

export const agentPurposeSchema = z.string().trim().max(500, "Keep the purpose to 500 characters or fewer.");

export const autonomySchema = z
  .number()
  .int("Autonomy is a whole number from 0 to 3.")
  .min(0, "Autonomy is a whole number from 0 to 3.")
  .max(3, "Autonomy is a whole number from 0 to 3.");

export const idSchema = z.string().trim().min(1, "This field is required.").max(100);

export const reasonSchema = z
  .string()
  .trim()
  .min(1, "Say why, so that others reading the audit trail understand.")
  .max(500, "Keep the reason to 500 characters or fewer.");

export const agentStatusSchema = z.enum(["ACTIVE", "PAUSED", "DECOMMISSIONED"]);

/** Check one value against a field rule; a failure names the field, for forms and fleet files. */
export function parseField<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const message = result.error.issues[0]?.message ?? "This value is not valid.";
  throw new AppError("INVALID_REQUEST", message, { issues: [{ path, message }] });
}

/** An error about one field of a form or fleet file, so the UI can show it beside the field. */
export function fieldError(
  code: "INVALID_REQUEST" | "NOT_FOUND" | "ALREADY_EXISTS",
  path: string,
  message: string,
): AppError {
  return new AppError(code, message, { issues: [{ path, message }] });
}

/**
 * A sub-agent is never registered or raised above its parent's autonomy level. /api/decide holds
 * it to the lowest level of its lineage anyway; refusing here keeps the level shown for an agent
 * the level it acts at.
 */
export function autonomyAboveParent(parent: { name: string; autonomy: number }): AppError {
  return fieldError(
    "INVALID_REQUEST",
    "autonomy",
    `A sub-agent cannot have a higher autonomy level than its parent: ${parent.name} is at level ${parent.autonomy}. Choose level ${parent.autonomy} or lower.`,
  );
}
