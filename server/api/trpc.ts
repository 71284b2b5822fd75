import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { db } from "../db";
import { findSessionMember } from "../domain/auth/find-session-member";
import { AppError, type ErrorCode } from "../domain/errors";
import type { Context } from "./context";

const TRPC_CODES: Record<number, TRPCError["code"]> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  412: "PRECONDITION_FAILED",
  413: "PAYLOAD_TOO_LARGE",
  422: "UNPROCESSABLE_CONTENT",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
  503: "SERVICE_UNAVAILABLE",
};

/** Domain errors become tRPC errors here, and only here. */
function toTRPCError(error: AppError): TRPCError {
  const body = error.toBody().error;
  return new TRPCError({
    code: TRPC_CODES[error.status] ?? "INTERNAL_SERVER_ERROR",
    message: body.message,
    cause: error,
  });
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const appCode: ErrorCode | undefined = cause instanceof AppError ? cause.code : undefined;
    const zodIssues =
      cause instanceof ZodError
        ? cause.issues.map((i) => ({ path: i.path.join("."), message: i.message }))
        : undefined;
    const masked = error.code === "INTERNAL_SERVER_ERROR" && !(cause instanceof AppError);
    return {
      ...shape,
      message: masked
        ? "Something went wrong on our side. Nothing was changed; please try again."
        : zodIssues
          ? "Some fields need attention."
          : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        appCode: appCode ?? (zodIssues ? "INVALID_REQUEST" : undefined),
        issues: cause instanceof AppError && cause.issues.length ? cause.issues : zodIssues,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) throw toTRPCError(result.error.cause);
  return result;
});

export const publicProcedure = t.procedure.use(mapAppErrors);

/** A signed-in human. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return next({ ctx: { user: ctx.user } });
});

/**
 * A member of the selected org, with their roles. This only establishes membership: every
 * procedure still checks the permission it needs (`authorize(ctx.member, …)`) inside itself.
 */
export const orgProcedure = authedProcedure.use(async ({ ctx, path, next }) => {
  // account.changePassword is an authedProcedure, so it stays reachable on an admin-set password.
  const member = await findSessionMember(db, ctx.user, ctx.requestedOrgId, {
    allowAdminSetPassword: path === "me.get",
  });
  return next({ ctx: { member } });
});
