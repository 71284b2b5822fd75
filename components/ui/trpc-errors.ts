import { TRPCClientError } from "@trpc/client";

type ErrorData = { appCode?: string; issues?: { path: string; message: string }[] };

/** The human sentence of a failed call. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) return error.message;
  if (error instanceof Error) return error.message;
  return "Something went wrong. Please try again.";
}

/** Per-field problems of a failed call, keyed by field path (`name`, `grants.0.operation`). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof TRPCClientError)) return {};
  const data = error.data as ErrorData | undefined;
  const out: Record<string, string> = {};
  for (const issue of data?.issues ?? []) out[issue.path] ??= issue.message;
  return out;
}

/** The stable Warden error code of a failed call (`ALREADY_EXISTS`, `FORBIDDEN` …), if any. */
export function errorCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  return (error.data as ErrorData | undefined)?.appCode;
}

/** Every per-field problem of a failed call, in order. */
export function errorIssues(error: unknown): { path: string; message: string }[] {
  if (!(error instanceof TRPCClientError)) return [];
  return (error.data as ErrorData | undefined)?.issues ?? [];
}

/**
 * One sentence for places without fields to attach problems to (dialogs): the field problems
 * when there are some ("Some fields need attention." alone helps nobody), else the message.
 */
export function errorSummary(error: unknown): string {
  const issues = errorIssues(error);
  if (issues.length) return issues.map((i) => i.message).join(" ");
  return errorMessage(error);
}
