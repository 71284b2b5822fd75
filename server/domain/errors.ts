// The one error type of Warden. Every failure a caller can act on carries a stable code and a
// sentence a non-engineer understands; it is mapped to HTTP statuses and tRPC codes in one place.

export const ERROR_STATUS = {
  // Caller errors
  INVALID_REQUEST: 400,
  NON_CANONICAL_RESOURCE: 400,
  INVALID_FLEET_FILE: 400,
  AUTHENTICATION_FAILED: 401,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  /** A decision named a run that has already ended. */
  RUN_ENDED: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  IDEMPOTENCY_CONFLICT: 422,
  RATE_LIMITED: 429,
  // Our errors: the message is masked for callers.
  INTERNAL: 500,
  STORE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type FieldIssue = { path: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Per-field problems (form fields, fleet file paths). */
  readonly issues: FieldIssue[];

  constructor(code: ErrorCode, message: string, options?: { issues?: FieldIssue[]; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.issues = options?.issues ?? [];
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /** The body every HTTP endpoint answers with: `{ error: { code, message, issues? } }`. */
  toBody(): { error: { code: ErrorCode; message: string; issues?: FieldIssue[] } } {
    return {
      error: {
        code: this.code,
        message:
          this.status >= 500 ? (MASKED_MESSAGES[this.code] ?? MASKED_MESSAGES.INTERNAL!) : this.message,
        ...(this.issues.length ? { issues: this.issues } : {}),
      },
    };
  }
}

const MASKED_MESSAGES: Partial<Record<ErrorCode, string>> = {
  INTERNAL: "Something went wrong on our side. Nothing was changed; please try again.",
  STORE_UNAVAILABLE: "Warden's database is unavailable right now. Nothing was allowed; please retry shortly.",
};

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError("INTERNAL", "Unexpected error", { cause: error });
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} was not found.`);
export const forbidden = (why: string) => new AppError("FORBIDDEN", why);
